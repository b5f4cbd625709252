//! Spaced review over HTTP: each assessed attempt schedules its question,
//! the account sees what is due across sets, postpones, and can switch the
//! dashboard's reminder off. Only the account's own questions are named.

mod common;

use chrono::{Days, NaiveDate, Utc};
use rehearse::db::entities::review;
use rehearse::services::practice::schedule;
use reqwest::StatusCode;
use reqwest::header::LOCATION;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};

use common::TestApp;

const WEAK: &str = "I think we sort of fixed it eventually. It was fine in the end, more or less, and people seemed okay with it afterwards.";

async fn get_json(app: &TestApp, path: &str, session: &str) -> (StatusCode, Value) {
    let response = app
        .client
        .get(app.url(path))
        .header("cookie", session)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn page(app: &TestApp, path: &str, session: &str) -> String {
    let (status, body) = common::html(app, path, Some(session)).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    body
}

fn day(text: &Value) -> NaiveDate {
    NaiveDate::parse_from_str(text.as_str().expect("a day"), "%Y-%m-%d").unwrap()
}

on_every_backend!(each_attempt_schedules_its_question_for_review, |app| {
    let today = Utc::now().date_naive();
    let session = common::signup(app, "reviewer@example.org").await;
    let slug = common::make_set(
        app,
        &session,
        json!({"role": "backend-engineer", "count": 5}),
    )
    .await;

    // Nothing answered: nothing scheduled.
    let (status, nothing) = get_json(app, "/api/v1/me/reviews", &session).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(nothing["due"], json!([]));
    assert_eq!(nothing["next_due_on"], Value::Null);

    // A weak answer comes back tomorrow.
    let answered =
        common::submit_answer(app, Some(&session), &slug, 1, WEAK, "review-weak-1").await;
    assert_eq!(answered.status(), StatusCode::CREATED);
    let score = answered.json::<Value>().await.unwrap()["feedback"]["scores"]["overall"]
        .as_u64()
        .unwrap() as u8;
    assert!(score <= 5, "a weak answer scored {score}");
    let (_, now) = get_json(app, "/api/v1/me/reviews", &session).await;
    assert_eq!(now["due"], json!([]));
    let tomorrow = today + Days::new(1);
    assert_eq!(day(&now["next_due_on"]), tomorrow);
    let (_, then) = get_json(app, &format!("/api/v1/me/reviews?on={tomorrow}"), &session).await;
    let due = then["due"].as_array().unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0]["set_slug"], slug.as_str());
    assert_eq!(due[0]["position"], 1);
    assert_eq!(due[0]["last_score"], score);
    let question = due[0]["question_id"].as_i64().unwrap();

    // A second question waits as long as its own score says.
    let another = "At Ledgerly our invoice API's p99 latency had crept to 2.4 seconds, so I was asked to bring it under 500 ms before our biggest customer's renewal. I profiled the endpoint and found an N+1 query loading line items, so I replaced it with one batched query and added a covering index on (invoice_id, position). I rolled it out behind a flag to 10% of traffic first. p99 fell to 310 ms, database CPU dropped by a third, and the customer renewed for another two years.";
    let second =
        common::submit_answer(app, Some(&session), &slug, 2, another, "review-second-1").await;
    let second: Value = second.json().await.unwrap();
    let second_score = second["feedback"]["scores"]["overall"].as_u64().unwrap() as u8;
    let expected = schedule::next(None, second_score, today).due;
    let (_, later) = get_json(app, &format!("/api/v1/me/reviews?on={expected}"), &session).await;
    let positions: Vec<i64> = later["due"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["position"].as_i64().unwrap())
        .collect();
    assert_eq!(positions, [1, 2], "{later}");
    if let Some(before) = expected.checked_sub_days(Days::new(1))
        && before > today
    {
        let (_, earlier) =
            get_json(app, &format!("/api/v1/me/reviews?on={before}"), &session).await;
        assert_eq!(earlier["due"].as_array().unwrap().len(), 1);
    }

    // The same attempt's feedback asked for again does not move it twice.
    let again = app
        .client
        .post(app.url(&format!("/api/v1/assessments/{}/feedback", second["id"])))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    let (_, same) = get_json(app, &format!("/api/v1/me/reviews?on={expected}"), &session).await;
    assert_eq!(same["due"].as_array().unwrap().len(), 2);

    // A bad day is a clear error.
    let (bad, body) = get_json(app, "/api/v1/me/reviews?on=someday", &session).await;
    assert_eq!(bad, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["fields"][0]["field"], "on");

    // Nobody else can see or move this account's schedule.
    let other = common::signup(app, "someone-else@example.org").await;
    let (_, theirs) = get_json(app, &format!("/api/v1/me/reviews?on={expected}"), &other).await;
    assert_eq!(theirs["due"], json!([]));
    let postpone = |cookie: Option<String>| {
        let mut request = app
            .client
            .post(app.url(&format!("/api/v1/me/reviews/{question}/postpone")));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send()
    };
    assert_eq!(
        postpone(Some(other.clone())).await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        postpone(None).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );

    // Postponing moves a due question to tomorrow, once however often it
    // is asked; one not yet due stays on its own date.
    let due_by = |on: NaiveDate| {
        let session = session.clone();
        async move {
            let (_, view) = get_json(app, &format!("/api/v1/me/reviews?on={on}"), &session).await;
            view["due"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["question_id"].as_i64().unwrap())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        postpone(Some(session.clone())).await.unwrap().status(),
        StatusCode::OK
    );
    assert!(due_by(tomorrow).await.contains(&question));
    review::Entity::update_many()
        .col_expr(review::Column::DueOn, Expr::value(today))
        .filter(review::Column::QuestionId.eq(question))
        .exec(&app.db)
        .await
        .unwrap();
    assert!(due_by(today).await.contains(&question));
    for _ in 0..2 {
        let moved = postpone(Some(session.clone())).await.unwrap();
        assert_eq!(moved.status(), StatusCode::OK);
        let moved: Value = moved.json().await.unwrap();
        assert!(
            moved["due"]
                .as_array()
                .unwrap()
                .iter()
                .all(|d| d["question_id"] != question)
        );
    }
    assert!(!due_by(today).await.contains(&question));
    assert!(due_by(tomorrow).await.contains(&question));

    // A later attempt's schedule is never replaced by an earlier one's
    // assessed late.
    let stored = || async {
        review::Entity::find()
            .filter(review::Column::QuestionId.eq(question))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
    };
    let before = stored().await;
    let schedule = |answer_id: i64| rehearse::db::practice::NewSchedule {
        user_id: before.user_id,
        question_id: question,
        answer_id,
        repetitions: 5,
        interval_days: 40,
        ease: 2.0,
        due_on: today + Days::new(40),
        score: 9,
    };
    rehearse::db::practice::save_review(&app.db, schedule(before.last_answer_id - 1))
        .await
        .unwrap();
    assert_eq!(stored().await, before);
    rehearse::db::practice::save_review(&app.db, schedule(before.last_answer_id + 1))
        .await
        .unwrap();
    assert_eq!(stored().await.due_on, today + Days::new(40));
});

on_every_backend!(
    the_dashboard_says_what_is_due_and_the_review_page_lists_it,
    |app| {
        let session = common::signup(app, "due@example.org").await;
        let slug =
            common::make_set(app, &session, json!({"role": "data-analyst", "count": 5})).await;
        let answered =
            common::submit_answer(app, Some(&session), &slug, 3, WEAK, "review-due-1").await;
        assert_eq!(answered.status(), StatusCode::CREATED);

        // Not due yet: the dashboard says when.
        let dashboard = page(app, "/me", &session).await;
        assert!(
            dashboard.contains("Nothing due for review today"),
            "{dashboard}"
        );

        // A day passes (the schedule is moved back, as the calendar would).
        let today = Utc::now().date_naive();
        review::Entity::update_many()
            .col_expr(review::Column::DueOn, Expr::value(today))
            .filter(review::Column::QuestionId.is_not_null())
            .exec(&app.db)
            .await
            .unwrap();
        let dashboard = page(app, "/me", &session).await;
        assert!(
            dashboard.contains("Due today: 1 question")
                && dashboard.contains("href=\"/me/review\"")
        );
        let list = page(app, "/me/review", &session).await;
        assert!(list.contains("1 question is due."));
        assert!(list.contains(&format!("href=\"/practice/{slug}?q=3\"")));

        // Postponing from the page, without JavaScript.
        let (_, due) = get_json(app, "/api/v1/me/reviews", &session).await;
        let question = due["due"][0]["question_id"].as_i64().unwrap().to_string();
        let posted = common::post_form(
            app,
            "/me/review/postpone",
            &session,
            &[("question", question.as_str())],
        )
        .await;
        assert_eq!(posted.status(), StatusCode::SEE_OTHER);
        assert_eq!(posted.headers()[LOCATION], "/me/review?postponed=1");
        let list = page(app, "/me/review?postponed=1", &session).await;
        assert!(list.contains("Postponed to tomorrow.") && list.contains("Nothing is due today"));

        // Reminders off: the dashboard stops saying; the page still lists.
        let checked = "name=\"review_reminders\" value=\"true\" checked";
        assert!(page(app, "/me/settings", &session).await.contains(checked));
        review::Entity::update_many()
            .col_expr(review::Column::DueOn, Expr::value(today))
            .filter(review::Column::QuestionId.is_not_null())
            .exec(&app.db)
            .await
            .unwrap();
        let saved =
            common::post_form(app, "/me/settings", &session, &[("form", "reminders")]).await;
        assert_eq!(saved.headers()[LOCATION], "/me/settings?reminders=saved");
        let settings = page(app, "/me/settings", &session).await;
        assert!(settings.contains("name=\"review_reminders\"") && !settings.contains(checked));
        let dashboard = page(app, "/me", &session).await;
        assert!(!dashboard.contains("Due today"));
        assert!(
            page(app, "/me/review", &session)
                .await
                .contains("1 question is due.")
        );
        common::post_form(
            app,
            "/me/settings",
            &session,
            &[("form", "reminders"), ("review_reminders", "true")],
        )
        .await;
        assert!(
            page(app, "/me", &session)
                .await
                .contains("Due today: 1 question")
        );

        // The account's export carries its schedule.
        let (_, export) = get_json(app, "/api/v1/me/export", &session).await;
        assert_eq!(export["reviews"].as_array().unwrap().len(), 1);
        assert_eq!(export["reviews"][0]["position"], 3);

        // Deleting all practice data deletes the schedule too.
        common::post_form(
            app,
            "/me/settings",
            &session,
            &[("form", "practice"), ("confirm", "true")],
        )
        .await;
        let (_, gone) = get_json(app, "/api/v1/me/reviews", &session).await;
        assert_eq!(gone["due"], json!([]));
        assert_eq!(gone["next_due_on"], Value::Null);
    }
);
