//! The wasm-bindgen facade: JavaScript-facing names over the engine, and nothing else.
//! Values cross as plain JS objects through serde-wasm-bindgen; errors become JS exceptions.

pub mod filter;
pub mod focus;
pub mod ideas;
