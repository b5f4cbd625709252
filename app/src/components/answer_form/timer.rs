//! An optional stopwatch, so an answer can be timed as if spoken.

use leptos::prelude::*;

/// "1 min 30 s" or "45 s".
pub fn duration_label(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// An optional stopwatch, so an answer can be timed as if spoken.
#[component]
pub(super) fn Timer(hydrated: RwSignal<bool>) -> impl IntoView {
    let seconds = RwSignal::new(0u32);
    let running = StoredValue::new(None::<IntervalHandle>);
    let is_running = RwSignal::new(false);
    let toggle = move |_| {
        if let Some(handle) = running.get_value() {
            handle.clear();
            running.set_value(None);
            is_running.set(false);
        } else {
            seconds.set(0);
            running.set_value(
                set_interval_with_handle(
                    move || seconds.update(|s| *s += 1),
                    std::time::Duration::from_secs(1),
                )
                .ok(),
            );
            is_running.set(true);
        }
    };
    on_cleanup(move || {
        if let Some(handle) = running.get_value() {
            handle.clear();
        }
    });
    view! {
        <Show when=move || hydrated.get()>
            <button type="button" class="button button--secondary" on:click=toggle aria-pressed=move || is_running.get().to_string()>
                {move || if is_running.get() { "Stop timer" } else { "Start timer" }}
            </button>
            <span class="timer" role="timer" aria-live="off">
                {move || format!("{:02}:{:02}", seconds.get() / 60, seconds.get() % 60)}
            </span>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::duration_label;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_label(45), "45 s");
        assert_eq!(duration_label(60), "1 min");
        assert_eq!(duration_label(95), "1 min 35 s");
    }
}
