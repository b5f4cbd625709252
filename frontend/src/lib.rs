#![recursion_limit = "256"]
//! Browser entry point: hydrates the interactive islands of the HTML the
//! server rendered. The rest of each page is plain server-rendered HTML.

// Links the app, whose islands register themselves with the browser.
use app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
