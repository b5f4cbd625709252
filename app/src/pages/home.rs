use leptos::prelude::*;

use crate::components::PageMeta;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <PageMeta
            title=""
            description="Rehearse gives you interview questions tailored to a role or a job description, and honest, quoted feedback on your answers. Free, open source and self-hostable."
        />
        <section class="hero">
            <p class="eyebrow">"Interview practice"</p>
            <h1>"Rehearse the interview before it happens."</h1>
            <p class="lead">
                "Questions tailored to the role or the job description in front of you, "
                "and feedback on every answer that quotes what you actually said."
            </p>
        </section>

        <section class="how" aria-labelledby="how-title">
            <h2 id="how-title">"How it works"</h2>
            <ol class="steps">
                <li class="card">
                    <h3>"1. Pick a role or paste a job description"</h3>
                    <p>
                        "Each question says why it is there: the focus area it covers, "
                        "or the line of the job description it tests."
                    </p>
                </li>
                <li class="card">
                    <h3>"2. Answer one question at a time"</h3>
                    <p>"Type or dictate your answer. Drafts are kept, so nothing you write is lost."</p>
                </li>
                <li class="card">
                    <h3>"3. Get feedback you can act on"</h3>
                    <p>
                        "Structure, specificity and relevance are scored, and every comment "
                        "points at the words in your answer it is about."
                    </p>
                </li>
            </ol>
        </section>

        <section class="values" aria-labelledby="values-title">
            <h2 id="values-title">"Yours to run"</h2>
            <ul class="value-list">
                <li>
                    <strong>"Works offline."</strong>
                    " A built-in coach needs no API key and gives the same result for the same input."
                </li>
                <li>
                    <strong>"Bring your own model."</strong>
                    " Point it at any OpenAI-compatible server when you want one."
                </li>
                <li>
                    <strong>"Your data stays put."</strong>
                    " SQLite on one machine, or PostgreSQL behind several instances."
                </li>
            </ul>
        </section>
    }
}
