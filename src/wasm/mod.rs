//! The wasm-bindgen facade: JavaScript-facing names over the engine, and nothing else.
//! Values cross as plain JS objects through serde-wasm-bindgen; errors become JS exceptions.
//! Each feature builds one module: `wasm-filter` (the service worker's hot path) and
//! `wasm-library` (ideas and focus sessions, started on first use).

#[cfg(feature = "wasm-filter")]
pub mod filter;
#[cfg(feature = "wasm-library")]
pub mod focus;
#[cfg(feature = "wasm-library")]
pub mod ideas;
