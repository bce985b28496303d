//! `--html FILE` for run, audit, bench and fuzz: one self-contained page each, opened in headless
//! Chromium as a person would open it: a screenshot (a real PNG with something drawn), the
//! page's text from the DOM the browser parsed (the totals, a case or probe, a finding code),
//! the bench histogram's bars; a receiver's text cannot add markup; a run a signal stops
//! still writes its page, marked stopped.

use crate::support::browser::{self, Browser, png_size, shots_dir, strip_tags, text_of};
use crate::support::signals::stopped_after;
use crate::support::{Receiver, Reply, Serve, fixture, run, tempdir};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A blank page's screenshot is about 14 KB; a page with its report on it is several times that.
const NON_TRIVIAL_PNG: u64 = 40_000;

fn page_path(name: &str) -> PathBuf {
    tempdir().join(format!("{name}.html"))
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// What every page must be: self-contained. No element that loads or runs anything, no
/// attribute that points elsewhere, no style that fetches.
fn assert_self_contained(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    for tag in html
        .split('<')
        .skip(1)
        .filter_map(|rest| rest.split('>').next())
    {
        let name = tag
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        assert!(
            ![
                "script", "link", "img", "iframe", "object", "embed", "image", "use"
            ]
            .contains(&name.as_str()),
            "the page has <{tag}>"
        );
        for attribute in ["src=", "href=", "srcset=", "action="] {
            assert!(!tag.contains(attribute), "the page has <{tag}>");
        }
    }
    let style =
        &html[html.find("<style>").expect("inline style")..html.find("</style>").expect("closed")];
    assert!(
        !style.contains("url(") && !style.contains("@import"),
        "{style}"
    );
}

/// Opens the page in Chromium: a screenshot next to the others (for a person to look at)
/// that is a PNG of the window with a report drawn on it, then the parsed DOM. `None` when
/// the browser is absent and may be.
fn open(page: &Path, name: &str) -> Option<String> {
    let html = std::fs::read_to_string(page).expect("the page was written");
    assert_self_contained(&html);
    let browser = Browser::find()?;
    let png = shots_dir().join(format!("{name}.png"));
    browser.screenshot(page, &png);
    assert_eq!(png_size(&png), browser::WINDOW, "{}", png.display());
    let size = std::fs::metadata(&png).expect("png").len();
    assert!(
        size > NON_TRIVIAL_PNG,
        "{} is {size} bytes: the page looks blank",
        png.display()
    );
    let dom = browser.dom(page);
    assert!(dom.contains("<main>"), "{dom}");
    Some(dom)
}

#[test]
fn a_run_page_shows_the_totals_every_case_and_its_findings() {
    let serve = Serve::start(&[]);
    let page = page_path("run");
    let done = run(&[
        "run",
        fixture("suites/rules.toml").to_str().expect("UTF-8"),
        "--url",
        &serve.url,
        "--html",
        arg(&page),
    ]);
    assert_eq!(done.code, 1, "{}{}", done.stdout, done.stderr);
    let Some(dom) = open(&page, "run") else {
        return;
    };
    assert_eq!(text_of(&dom, "id=\"verdict\"", "div"), "FAIL");
    assert_eq!(text_of(&dom, "id=\"closing\"", "p"), "3 passed, 11 failed");
    let totals = text_of(&dom, "id=\"totals\"", "main");
    assert!(
        totals.contains("14cases") && totals.contains("11failed"),
        "{totals}"
    );
    let text = strip_tags(&dom);
    assert!(
        text.contains("a group named with a banned word is denied"),
        "{text}"
    );
    assert!(text.contains("an ordinary group is allowed"), "{text}");
    assert!(text.contains("expect-decision"), "{text}");
    assert!(text.contains("expected deny, got allow"), "{text}");
    assert_eq!(dom.matches("class=\"item is-fail case\"").count(), 11);
    assert_eq!(dom.matches("class=\"item is-pass case\"").count(), 3);
}

#[test]
fn an_audit_page_shows_every_probe_with_its_evidence_and_fix() {
    let serve = Serve::start(&[]);
    let page = page_path("audit");
    let done = run(&["audit", "--url", &serve.url, "--html", arg(&page)]);
    // No --sdkappid on serve: it accepts another app's SdkAppid, which fails the audit.
    assert_eq!(done.code, 1, "{}{}", done.stdout, done.stderr);
    let Some(dom) = open(&page, "audit") else {
        return;
    };
    assert_eq!(text_of(&dom, "id=\"verdict\"", "div"), "FAIL");
    let closing = text_of(&dom, "id=\"closing\"", "p");
    assert!(closing.starts_with("FAIL: 18 probes: "), "{closing}");
    let text = strip_tags(&dom);
    for needle in [
        "wrong-sdkappid",
        "SdkAppid 1400000001 instead of 1400000000",
        "compare the SdkAppid query parameter",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    assert_eq!(
        dom.matches("class=\"item is-fail probe\"").count(),
        1,
        "{text}"
    );
    assert_eq!(dom.matches(" probe\">").count(), 18);
}

#[test]
fn a_bench_page_draws_the_latency_histogram_and_percentiles() {
    let serve = Serve::start(&[]);
    let page = page_path("bench");
    let done = run(&[
        "bench",
        "before-send",
        "--url",
        &serve.url,
        "-n",
        "600",
        "-c",
        "4",
        "--set",
        "MsgId={{uuid}}",
        "--html",
        arg(&page),
    ]);
    assert_eq!(done.code, 0, "{}{}", done.stdout, done.stderr);
    let Some(dom) = open(&page, "bench") else {
        return;
    };
    assert_eq!(text_of(&dom, "id=\"verdict\"", "div"), "PASS");
    let totals = text_of(&dom, "id=\"totals\"", "main");
    assert!(totals.contains("600requests sent"), "{totals}");
    let start = dom
        .find("<g id=\"histogram-bars\">")
        .expect("the histogram's bars");
    let bars = &dom[start..start + dom[start..].find("</g>").expect("closed")];
    let count = bars.matches("<rect").count();
    assert!(count >= 2, "{count} bars: {bars}");
    // Every answer is in one bar.
    let answers: u64 = bars
        .split(": ")
        .skip(1)
        .filter_map(|rest| rest.split(" answers").next())
        .map(|n| n.replace(',', "").parse::<u64>().expect("a count"))
        .sum();
    assert_eq!(answers, 600, "{bars}");
    let percentiles = text_of(&dom, "id=\"percentiles\"", "table");
    for label in ["p50", "p99", "p99.9", "max"] {
        assert!(percentiles.contains(label), "{percentiles}");
    }
    assert!(strip_tags(&dom).contains("allow"), "the decisions");
}

/// A receiver that answers with markup in every text it controls: the page shows it as
/// text and the browser builds no element from it.
#[test]
fn a_fuzz_page_shows_each_callback_its_failures_their_fixtures_and_replay_lines() {
    // 500 to every body: before-create and after-create fail http-200 at their first case.
    let receiver = Receiver::start(Reply::ok().status(500));
    let page = page_path("fuzz");
    let out = tempdir().join("fuzz-failures");
    let done = run(&[
        "fuzz",
        "before-create",
        "after-create",
        "--url",
        &receiver.url,
        "--cases",
        "2",
        "--seed",
        "1",
        "--out",
        arg(&out),
        "--html",
        arg(&page),
    ]);
    assert_eq!(done.code, 1, "{}{}", done.stdout, done.stderr);
    let html = std::fs::read_to_string(&page).expect("written");
    let fixture = out.join("before-create-http-200-http-status.json");
    assert!(fixture.exists());
    for needle in [
        "before-create",
        "after-create",
        "http-200-http-status",
        "seed 1 (repeat with --seed 1)",
        "grpcb send before-create --fixture",
        &fixture.display().to_string(),
        "HTTP 500",
    ] {
        assert!(html.contains(needle), "{needle}: {html}");
    }
    let Some(dom) = open(&page, "fuzz") else {
        return;
    };
    assert_eq!(text_of(&dom, "id=\"verdict\"", "div"), "FAIL");
    let closing = text_of(&dom, "id=\"closing\"", "p");
    assert!(
        closing.starts_with("FAIL: 2 of 2 callbacks failed: 2 failures in 4 cases"),
        "{closing}"
    );
    assert_eq!(dom.matches("class=\"item is-fail callback\"").count(), 2);
}

#[test]
fn a_fuzz_page_against_serve_passes() {
    let serve = Serve::start(&[]);
    let page = page_path("fuzz-pass");
    let done = run(&[
        "fuzz",
        "before-send",
        "after-send",
        "--url",
        &serve.url,
        "--cases",
        "2",
        "--html",
        arg(&page),
    ]);
    assert_eq!(done.code, 0, "{}{}", done.stdout, done.stderr);
    let html = std::fs::read_to_string(&page).expect("written");
    assert!(!html.contains("item is-fail"), "{html}");
    let Some(dom) = open(&page, "fuzz-pass") else {
        return;
    };
    assert_eq!(text_of(&dom, "id=\"verdict\"", "div"), "PASS");
    assert_eq!(dom.matches("class=\"item is-pass callback\"").count(), 2);
}

#[test]
fn a_receiver_cannot_write_markup_into_a_fuzz_page() {
    let hostile = r#"{"ActionStatus":"OK","ErrorCode":0,"<b>bold</b>":"<script>document.title='pwned'</script>"}"#;
    let receiver = Receiver::start(Reply::json(hostile).status(500));
    let page = page_path("hostile-fuzz");
    let out = tempdir().join("fuzz-failures");
    let done = run(&[
        "fuzz",
        "after-create",
        "--url",
        &receiver.url,
        "--cases",
        "1",
        "--out",
        arg(&out),
        "--html",
        arg(&page),
    ]);
    assert_eq!(done.code, 1, "{}{}", done.stdout, done.stderr);
    let html = std::fs::read_to_string(&page).expect("written");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    let Some(dom) = open(&page, "hostile-fuzz") else {
        return;
    };
    for element in ["<script", "<b>bold"] {
        assert!(!dom.contains(element), "{element} became an element");
    }
    assert!(!dom.contains("pwned</title>"));
}

#[test]
fn a_receiver_cannot_write_markup_into_the_page() {
    let hostile = r#"{"ActionStatus":"OK","ErrorCode":10150,"ErrorInfo":"<script>document.title='pwned'</script><img src=x onerror=alert(1)>","<b>bold</b>":1}"#;
    let receiver = Receiver::start(Reply::json(hostile));
    let suite = tempdir().join("hostile.toml");
    std::fs::write(
        &suite,
        format!(
            "url = \"{}\"\n\n[[case]]\nname = \"<i>case</i> & co\"\ncallback = \"before-create\"\n",
            receiver.url
        ),
    )
    .expect("suite");
    let pages = [
        ("hostile-run", vec!["run", arg(&suite)]),
        (
            "hostile-bench",
            vec!["bench", "before-create", "--url", &receiver.url, "-n", "20"],
        ),
    ];
    for (name, args) in pages {
        let page = page_path(name);
        let mut args = args.clone();
        args.extend(["--html", arg(&page)]);
        let done = run(&args);
        assert!(
            done.code == 0 || done.code == 1,
            "{}{}",
            done.stdout,
            done.stderr
        );
        let html = std::fs::read_to_string(&page).expect("written");
        assert!(
            html.contains("&lt;script&gt;") || html.contains("&lt;b&gt;"),
            "{html}"
        );
        let Some(dom) = open(&page, name) else {
            continue;
        };
        for element in ["<script", "<img", "<b>bold", "<i>case"] {
            assert!(
                !dom.contains(element),
                "{name}: {element} became an element"
            );
        }
        assert!(!dom.contains("pwned</title>"), "{name}");
        assert!(
            dom.contains("&lt;b&gt;bold&lt;/b&gt;"),
            "{name}: the field name shows as text"
        );
    }
}

#[test]
fn an_unwritable_page_fails_before_anything_is_sent() {
    let receiver = Receiver::start(Reply::ok());
    let page = tempdir().join("no-such-folder").join("page.html");
    let done = run(&[
        "bench",
        "before-create",
        "--url",
        &receiver.url,
        "-n",
        "5",
        "--html",
        arg(&page),
    ]);
    assert_eq!(done.code, 4, "{}", done.stderr);
    assert!(done.stderr.contains("--html"), "{}", done.stderr);
    assert!(receiver.received().is_empty());
}

#[test]
fn a_bench_a_signal_stops_still_writes_its_page_marked_stopped() {
    let receiver = Receiver::start(Reply::ok().delay(Duration::from_millis(20)));
    let page = page_path("bench-stopped");
    let done = stopped_after(
        &[
            "bench",
            "before-create",
            "--url",
            &receiver.url,
            "--duration",
            "60s",
            "-c",
            "2",
            "--html",
            arg(&page),
        ],
        Duration::from_millis(1500),
        "INT",
    );
    assert_eq!(done.code, 130, "{}{}", done.stdout, done.stderr);
    let html = std::fs::read_to_string(&page).expect("the page was written");
    assert_self_contained(&html);
    assert!(html.contains("id=\"verdict\">STOPPED<"), "{html}");
    assert!(html.contains("STOPPED by SIGINT after "), "{html}");
}

#[test]
fn an_audit_a_signal_stops_still_writes_its_page_marked_stopped() {
    let receiver = Receiver::start(Reply::ok().delay(Duration::from_millis(300)));
    let page = page_path("audit-stopped");
    let done = stopped_after(
        &["audit", "--url", &receiver.url, "--html", arg(&page)],
        Duration::from_millis(1500),
        "TERM",
    );
    assert_eq!(done.code, 143, "{}{}", done.stdout, done.stderr);
    let html = std::fs::read_to_string(&page).expect("the page was written");
    assert_self_contained(&html);
    assert!(html.contains("id=\"verdict\">STOPPED<"), "{html}");
    assert!(html.contains("STOPPED by SIGTERM after "), "{html}");
    assert!(html.contains("not run: stopped by SIGTERM"), "{html}");
}
