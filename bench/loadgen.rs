//! Load generator for `bench/events.sh` (not a test): creates events over HTTP and runs
//! co-location searches against a running `tandem serve`, and prints p50/p99 latencies.
//!
//! cargo run --release --example loadgen -- BASE_URL TOKEN [CREATES] [CONCURRENCY] [SEARCHES]
//!
//! Anchors are seeded confirmed meetings in a venue room (read from `GET /api/v1/events`).
//! Each create is a two-hour hybrid meeting *proposed* at an anchor's venue and room, within
//! 30 days of it, with the anchor's region and group and six participants of the seeded
//! pool, so its clash check has real neighbours (room, group, region, participants) and the
//! create is never refused by the room constraint. Bounded request counts; loopback only.

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use serde_json::{json, Value};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((sorted.len() as f64) * p).ceil() as usize;
    sorted
        .get(rank.clamp(1, sorted.len()) - 1)
        .copied()
        .unwrap_or_default()
}

fn report(label: &str, mut latencies: Vec<Duration>, wall: Duration, statuses: &[u16]) {
    latencies.sort();
    let mut counts = std::collections::BTreeMap::new();
    for s in statuses {
        *counts.entry(*s).or_insert(0usize) += 1;
    }
    #[allow(clippy::cast_precision_loss)]
    let rate = latencies.len() as f64 / wall.as_secs_f64();
    println!(
        "{label}: n={} p50={:.2} ms p90={:.2} ms p99={:.2} ms max={:.2} ms  {:.0} req/s  statuses={counts:?}",
        latencies.len(),
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.90).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        rate,
    );
}

fn create_body(anchor: &Value, i: usize) -> Value {
    let start: NaiveDateTime = anchor["start"]
        .as_str()
        .and_then(|s| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").ok())
        .expect("anchor start");
    let shift = i64::try_from(i % 61).unwrap_or(0) - 30;
    let day = start.date() + chrono::Duration::days(shift);
    let participants: Vec<Value> = (0..6)
        .map(|k| {
            let n = (i * 7 + k * 131) % 5_000;
            json!({"id": format!("p-{n}"), "tz": "Europe/Zurich",
                   "attendance": if k % 2 == 0 { "remote" } else { "in_person" }, "required": k == 0})
        })
        .collect();
    json!({
        "title": format!("Benchmark meeting {i}"),
        "kind": "meeting", "mode": "hybrid", "status": "proposed",
        "region": anchor["region"], "group": anchor["group"],
        "venue_id": anchor["venue_id"], "room_id": anchor["room_id"], "tz": anchor["tz"],
        "start": format!("{day}T10:00"), "end": format!("{day}T12:00"),
        "remote_url": "https://meet.example.org/bench",
        "participants": participants,
    })
}

fn search_body(anchor: &Value) -> Value {
    json!({
        "anchor_event_id": anchor["id"], "kind": "workshop", "title": "Benchmark workshop",
        "days": 2, "daily_hours": {"start": "09:00", "end": "17:00"},
        "placement": ["before", "after", "during"], "max_gap_days": 2,
        "expected_attendance": 30,
        "participants": [
            {"id": "p-1", "tz": "Asia/Bangkok"},
            {"id": "p-2", "tz": "America/Sao_Paulo", "required": false},
            {"id": "p-3", "tz": "Europe/Zurich", "attendance": "in_person", "required": false}
        ],
        "limit": 5
    })
}

async fn anchors(client: &reqwest::Client, base: &str) -> Vec<Value> {
    let mut found = Vec::new();
    let mut cursor: Option<String> = None;
    while found.len() < 200 {
        let url = match &cursor {
            Some(c) => format!("{base}/api/v1/events?status=confirmed&limit=200&cursor={c}"),
            None => format!("{base}/api/v1/events?status=confirmed&limit=200"),
        };
        let page: Value = client
            .get(&url)
            .send()
            .await
            .expect("list")
            .json()
            .await
            .expect("json");
        for e in page
            .get("items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if e["kind"] == "meeting" && !e["room_id"].is_null() && e["rrule"].is_null() {
                found.push(e.clone());
            }
        }
        match page.get("next_cursor").and_then(Value::as_str) {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    found
}

/// `count` requests from `concurrency` workers; returns latencies, statuses, wall time.
async fn run(
    client: &reqwest::Client,
    count: usize,
    concurrency: usize,
    request: impl Fn(usize) -> reqwest::RequestBuilder + Send + Sync + Clone + 'static,
) -> (Vec<Duration>, Vec<u16>, Duration) {
    let _ = client;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..concurrency {
        let request = request.clone();
        tasks.push(tokio::spawn(async move {
            let mut out = Vec::new();
            let mut i = w;
            while i < count {
                let t = Instant::now();
                let response = request(i).send().await.expect("request");
                let status = response.status().as_u16();
                let _ = response.bytes().await;
                out.push((t.elapsed(), status));
                i += concurrency;
            }
            out
        }));
    }
    let mut latencies = Vec::with_capacity(count);
    let mut statuses = Vec::with_capacity(count);
    for t in tasks {
        for (l, s) in t.await.expect("worker") {
            latencies.push(l);
            statuses.push(s);
        }
    }
    (latencies, statuses, started.elapsed())
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args
        .get(1)
        .expect("BASE_URL")
        .trim_end_matches('/')
        .to_owned();
    let token = args.get(2).expect("TOKEN").clone();
    let creates: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(2_000);
    let concurrency: usize = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(8);
    let searches: usize = args.get(5).and_then(|a| a.parse().ok()).unwrap_or(200);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .expect("client");
    let anchors = std::sync::Arc::new(anchors(&client, &base).await);
    assert!(
        !anchors.is_empty(),
        "no seeded confirmed meeting with a room"
    );
    println!("{} anchor meetings", anchors.len());

    let create = {
        let (client, base, token, anchors) =
            (client.clone(), base.clone(), token.clone(), anchors.clone());
        move |offset: usize| {
            let (client, base, token, anchors) =
                (client.clone(), base.clone(), token.clone(), anchors.clone());
            move |i: usize| {
                let i = i + offset;
                client
                    .post(format!("{base}/api/v1/events"))
                    .bearer_auth(&token)
                    .json(&create_body(
                        anchors.get(i % anchors.len()).unwrap_or(&Value::Null),
                        i,
                    ))
            }
        }
    };
    // Warm-up (connections, caches), not counted.
    let _ = run(&client, 50, 1, create(1_000_000)).await;
    let (l, s, w) = run(&client, creates, 1, create(0)).await;
    report("create event, sequential", l, w, &s);
    let (l, s, w) = run(&client, creates, concurrency, create(creates)).await;
    report(&format!("create event, {concurrency} concurrent"), l, w, &s);

    let search = {
        let (client, base, token, anchors) =
            (client.clone(), base.clone(), token.clone(), anchors.clone());
        move |i: usize| {
            client
                .post(format!("{base}/api/v1/colocations/search"))
                .bearer_auth(&token)
                .json(&search_body(
                    anchors.get(i % anchors.len()).unwrap_or(&Value::Null),
                ))
        }
    };
    let _ = run(&client, 10, 1, search.clone()).await;
    let (l, s, w) = run(&client, searches, 1, search.clone()).await;
    report("co-location search, sequential", l, w, &s);
    let (l, s, w) = run(&client, searches, concurrency, search).await;
    report(
        &format!("co-location search, {concurrency} concurrent"),
        l,
        w,
        &s,
    );
}
