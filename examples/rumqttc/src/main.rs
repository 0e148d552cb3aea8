// A rumqttc client that publishes an MQTT Gauge client report about its own request channel every second.
//! Reports go out on `gauge/report/<client id>` every `--every` seconds. `--flood N` calls `try_publish`
//! N times at QoS 1 as fast as it can, so that a small channel (`--cap`) fills up and rumqttc refuses
//! publishes with `ClientError::TryRequest`, which the report counts. For rumqttc 0.24; README.md
//! beside this file says which report fields are left out and why.
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rumqttc::{AsyncClient, ClientError, ConnectionError, Event, MqttOptions, Outgoing, Packet, QoS};
use serde_json::json;
use tokio::{sync::Notify, task::JoinHandle, time};

/// rumqttc exports no version constant: keep this in step with the `=0.24.0` pin in Cargo.toml.
const LIBRARY: &str = "rumqttc 0.24.0";
const FLAGS: [&str; 9] =
    ["--host", "--port", "--id", "--cap", "--max-inflight", "--every", "--flood", "--topic", "--seconds"];

/// What one connection's poll loop has seen, and what its publishes met.
#[derive(Default)]
struct Stats {
    connection: &'static str,
    ever_connected: bool,
    reconnects: u64,
    accepted: u64,
    failed_try_publish: u64,
    other_errors: u64, // printed at the end, not a report field
}

/// One connection: its client, what its poll loop saw, and a signal for its first CONNACK.
struct Link {
    client: AsyncClient,
    stats: Arc<Mutex<Stats>>,
    connected: Arc<Notify>,
}

/// Starts a new client, and a task polling its event loop until its own DISCONNECT has gone out.
fn open(options: MqttOptions, cap: usize) -> (Link, JoinHandle<()>) {
    let name = options.client_id();
    let (client, mut eventloop) = AsyncClient::new(options, cap);
    let stats = Arc::new(Mutex::new(Stats { connection: "connecting", ..Stats::default() }));
    let connected = Arc::new(Notify::new());
    let (s, c) = (stats.clone(), connected.clone());
    let poll_loop = tokio::spawn(async move {
        loop {
            let event = eventloop.poll().await;
            let error = {
                let mut s = s.lock().unwrap();
                match event {
                    // poll() yields a CONNACK only when the broker accepted the
                    // connection; a refusal comes back as Err(ConnectionRefused).
                    Ok(Event::Incoming(Packet::ConnAck(_))) => {
                        s.reconnects += u64::from(s.ever_connected);
                        s.ever_connected = true;
                        s.connection = "connected";
                        c.notify_one();
                        None
                    }
                    // Our DISCONNECT has been flushed; polling again would reconnect.
                    Ok(Event::Outgoing(Outgoing::Disconnect)) | Err(ConnectionError::RequestsDone) => {
                        s.connection = "disconnected";
                        return;
                    }
                    Ok(_) => None,
                    Err(e) => {
                        s.connection = "connecting"; // the next poll() reconnects
                        Some(e)
                    }
                }
            };
            if let Some(e) = error {
                eprintln!("{name}: {e}; reconnecting in 1 s"); // rumqttc itself would retry at once
                time::sleep(Duration::from_secs(1)).await;
            }
        }
    });
    (Link { client, stats, connected }, poll_loop)
}

/// Sends reports about the measured client over a connection of their own.
///
/// A report must never wait behind, or be refused by, the queue it reports on,
/// and in rumqttc nothing bypasses the request channel: a QoS 0 `try_publish`
/// on the measured client would queue behind its QoS 1 publishes, be refused
/// exactly when the channel is full, and wait while the in-flight window is full
/// (the event loop reads no request then). So reports go through a second, small
/// client (id `<id>-gauge`) whose channel holds only reports; QoS 0 takes no
/// in-flight slot, so its event loop drains it at once. Reports are not counted.
struct Reporter {
    link: Link,
    measured: Arc<Mutex<Stats>>,
    id: String, // the measured client's id
    cap: usize,
    max_inflight: u16,
}

impl Reporter {
    fn publish(&self) {
        // While the report connection is down a report is dropped, not queued:
        // sent late, it would describe a moment long gone.
        if self.link.stats.lock().unwrap().connection != "connected" {
            return;
        }
        let payload = {
            let s = self.measured.lock().unwrap();
            // The client report, version 1, with only the fields this client really knows. Left out on
            // purpose: "depth" (the channel sits inside AsyncClient and EventLoop, with no public length),
            // "inflight" (crate-private in MqttState), "pending" (EventLoop's public `pending` list mixes
            // resends with requests never written), "dropped" (rumqttc resends what it accepted, dropping none).
            let report = json!({
                "version": 1,
                "time": SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64),
                "clientId": self.id, "library": LIBRARY,
                "capacity": self.cap, "maxInflight": self.max_inflight,
                "accepted": s.accepted, "failedTryPublish": s.failed_try_publish,
                "connection": s.connection, "reconnects": s.reconnects,
            });
            serde_json::to_vec(&report).expect("a report always serialises")
        };
        // A refusal here (the report channel full) loses this one report, which is all it should cost.
        let _ = self.link.client.try_publish(format!("gauge/report/{}", self.id), QoS::AtMostOnce, false, payload);
    }
}

/// Ends the program with a message and exit status 2.
fn fail(message: &str) -> ! {
    eprintln!("{message}\noptions: {}, each with a value", FLAGS.join(" "));
    std::process::exit(2)
}

/// Sends a DISCONNECT and waits, at most `within`, for the poll loop to see it go out.
async fn close(link: &Link, poll_loop: JoinHandle<()>, within: Duration) {
    let _ = time::timeout(within, async {
        let _ = link.client.disconnect().await;
        let _ = poll_loop.await;
    })
    .await;
}

/// The value given to `flag` on the command line, or `default`.
fn opt<T: std::str::FromStr>(flag: &str, default: T) -> T {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.chunks(2).any(|pair| pair.len() < 2 || !FLAGS.contains(&pair[0].as_str())) {
        fail("unknown option, or an option without a value");
    }
    match args.chunks(2).find(|pair| pair[0] == flag) {
        Some(pair) => pair[1].parse().unwrap_or_else(|_| fail(&format!("{flag}: not a valid value: {}", pair[1]))),
        None => default,
    }
}

fn secs(flag: &str, default: f64) -> Duration {
    Duration::try_from_secs_f64(opt(flag, default)).unwrap_or_else(|_| fail(&format!("{flag}: not a duration")))
}

#[tokio::main]
async fn main() {
    let (host, port, id): (String, u16, String) =
        (opt("--host", "127.0.0.1".into()), opt("--port", 1883), opt("--id", "rumqttc-reporter".into()));
    let (cap, max_inflight, flood, topic): (usize, u16, u64, String) =
        (opt("--cap", 10), opt("--max-inflight", 1), opt("--flood", 0), opt("--topic", "gauge/flood".into()));
    let every = secs("--every", 1.0);
    let seconds = std::env::args().any(|a| a == "--seconds").then(|| secs("--seconds", 0.0));
    // set_inflight panics on 0, interval on a zero period; a wildcard topic makes every try_publish a TryRequest.
    if max_inflight == 0 || every.is_zero() || id.is_empty() || topic.is_empty() || topic.contains(['+', '#']) {
        fail("--max-inflight and --every must be above 0, --id and --topic not empty, --topic without + or #");
    }

    // The measured client. `cap` bounds its request channel: try_publish is
    // refused while it is full. set_inflight bounds the QoS 1/2 publishes
    // awaiting their PUBACK; while that window is full the event loop reads
    // nothing from the channel, so the channel fills up.
    let mut options = MqttOptions::new(id.clone(), host.clone(), port);
    options.set_keep_alive(Duration::from_secs(30)).set_inflight(max_inflight);
    let (measured, measured_loop) = open(options, cap);

    let mut options = MqttOptions::new(format!("{id}-gauge"), host.clone(), port);
    options.set_keep_alive(Duration::from_secs(30));
    let (link, report_loop) = open(options, 4);
    let reporter = Arc::new(Reporter { link, measured: measured.stats.clone(), id: id.clone(), cap, max_inflight });

    let both = async { tokio::join!(measured.connected.notified(), reporter.link.connected.notified()) };
    if time::timeout(Duration::from_secs(30), both).await.is_err() {
        eprintln!("no CONNACK from {host}:{port} within 30 s");
        std::process::exit(2);
    }
    let started = Instant::now();

    // Reports on a task of their own, so they keep coming while this task floods.
    let ticker = tokio::spawn({
        let (reporter, mut tick) = (reporter.clone(), time::interval(every)); // the first tick is at once
        tick.set_missed_tick_behavior(time::MissedTickBehavior::Delay);
        async move {
            loop {
                tick.tick().await;
                reporter.publish();
            }
        }
    });

    for i in 0..flood {
        let result = measured.client.try_publish(topic.as_str(), QoS::AtLeastOnce, false, format!("flood {i}"));
        let mut s = measured.stats.lock().unwrap();
        match result {
            Ok(()) => s.accepted += 1,
            // Refused at once: the channel already holds `cap` requests. (TryRequest
            // also means an invalid topic, refused above, or a dropped EventLoop.)
            Err(ClientError::TryRequest(_)) => s.failed_try_publish += 1,
            Err(_) => s.other_errors += 1,
        }
    }
    if flood > 0 {
        reporter.publish(); // at once, so the flood's totals are seen without waiting for a tick
    }

    // Without --seconds, Duration::MAX: tokio's sleep caps it at "far in the future".
    let run = time::sleep(seconds.map_or(Duration::MAX, |s| s.saturating_sub(started.elapsed())));
    tokio::select! { _ = run => {}, _ = tokio::signal::ctrl_c() => {} }
    ticker.abort();

    // A clean DISCONNECT joins the same channel, behind whatever is still queued
    // there. Then a last report, and the report connection's DISCONNECT after it.
    close(&measured, measured_loop, Duration::from_secs(10)).await;
    reporter.publish();
    close(&reporter.link, report_loop, Duration::from_secs(5)).await;

    let s = measured.stats.lock().unwrap();
    let totals = json!({ "accepted": s.accepted, "failedTryPublish": s.failed_try_publish,
                         "otherErrors": s.other_errors, "reconnects": s.reconnects });
    println!("{totals}");
}
