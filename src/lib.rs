//! Staffroom's engine: pure Rust, no browser types. The wasm facade (`wasm`) and the
//! command line (`main.rs`) are thin layers over these modules.

pub mod classify;
#[cfg(feature = "cli")]
pub mod corpus;
pub mod extract;
pub mod focus;
pub mod ideas;
pub mod lens;
pub mod model;
pub mod mutewords;
pub mod noise;
pub mod normalize;
pub mod post;
pub mod rules;
pub mod troll;
pub mod unicode_classes;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use classify::Engine;
pub use post::{Post, PostKind, Reason, ReasonKind, Verdict, VerdictKind};
pub use rules::{PackError, RulePack};
