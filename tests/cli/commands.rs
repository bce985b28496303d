//! list, example, sign, completions, help.

use crate::support::{fixture_text, grpcb, run, run_cmd};
use strum::VariantArray;

#[test]
fn list_shows_every_callback() {
    let run = run(&["list"]);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("ALIAS"), "{}", run.stdout);
    let row = |alias: &str| {
        lines
            .iter()
            .find(|line| line.starts_with(alias))
            .copied()
            .unwrap_or("")
    };
    assert!(row("before-create ").contains("Group.CallbackBeforeCreateGroup"));
    assert!(row("before-create ").contains("before"));
    assert!(row("before-invite ").contains("refuse some members"));
    assert!(row("after-create ").contains("after"));
    assert!(row("after-create ").contains("IM ignores it"));
}

#[test]
fn list_as_json() {
    let run = run(&["list", "--format", "json"]);
    let list = run.json();
    let entry = list
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["alias"] == "before-invite")
        .unwrap();
    assert_eq!(entry["command"], "Group.CallbackBeforeInviteJoinGroup");
    assert_eq!(entry["kind"], "before");
    assert_eq!(
        entry["decisions"],
        serde_json::json!(["allow", "allow-partial", "deny", "deny-custom"])
    );
    assert!(
        entry["flags"]
            .as_array()
            .unwrap()
            .contains(&"--member".into())
    );
}

#[test]
fn example_prints_the_fixture_file() {
    for alias in ["before-create", "after-create", "before-invite"] {
        let run = run(&["example", alias]);
        assert_eq!(run.code, 0);
        assert_eq!(
            run.stdout,
            fixture_text(&format!("callbacks/{alias}.json")),
            "{alias}"
        );
    }
}

#[test]
fn example_applies_payload_options() {
    let run = run(&[
        "example",
        "before-invite",
        "--member",
        "a",
        "--set",
        "TopicId=t",
    ]);
    let body = run.json();
    assert_eq!(body["DestinationMembers"][0]["Member_Account"], "a");
    assert_eq!(body["TopicId"], "t");
}

#[test]
fn sign_matches_the_documented_vector() {
    let run = run(&[
        "sign",
        "--token",
        "xxxxyyyy",
        "--request-time",
        "1669872112",
    ]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "RequestTime=1669872112\nSign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061\n"
    );
    let run = run_cmd(
        grpcb()
            .args(["sign", "--request-time", "1669872112", "--format", "json"])
            .env("GRPCB_TOKEN", "xxxxyyyy"),
    );
    let json = run.json();
    assert_eq!(json["RequestTime"], 1669872112);
    assert_eq!(
        json["Sign"],
        "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"
    );
}

#[test]
fn sign_needs_a_token() {
    assert_eq!(run(&["sign"]).code, 2);
    assert_eq!(run(&["sign", "--token", ""]).code, 4);
}

#[test]
fn committed_completions_match_the_cli() {
    let files = [
        ("bash", "grpcb.bash"),
        ("zsh", "_grpcb"),
        ("fish", "grpcb.fish"),
        ("powershell", "_grpcb.ps1"),
        ("elvish", "grpcb.elv"),
    ];
    for (shell, file) in files {
        let run = run(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}");
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("completions")
            .join(file);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            run.stdout == committed,
            "completions/{file} is out of date with the CLI: run scripts/update-completions.sh"
        );
    }
}

#[test]
fn help_has_examples_and_exit_codes() {
    let run = run(&["send", "--help"]);
    assert_eq!(run.code, 0);
    for needle in [
        "Examples:",
        "--expect-refused",
        "Exit codes:",
        "GRPCB_URL",
        "GRPCB_TOKEN",
    ] {
        assert!(run.stdout.contains(needle), "{needle}");
    }
    let run = crate::support::run(&["--version"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("grpcb "));
}

#[test]
fn readme_documents_every_callback_finding_code_and_decision() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    for code in grpcb_contract::verdict::Code::VARIANTS {
        assert!(
            readme.contains(&format!("| `{}` |", code.as_str())),
            "README lacks finding code {}",
            code.as_str()
        );
    }
    for callback in grpcb_contract::catalog::CALLBACKS {
        let row = format!("| `{}` | `{}` |", callback.alias, callback.command);
        assert!(
            readme.contains(&row),
            "README lacks the row of {}",
            callback.alias
        );
    }
    for decision in grpcb_contract::verdict::Decision::VARIANTS {
        assert!(
            readme.contains(&format!("| `{decision}` |")),
            "README lacks decision {decision}"
        );
    }
}

#[test]
fn readme_mentions_every_subcommand_and_flag() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let command = grpcb::cli::command();
    for sub in command.get_subcommands() {
        let name = sub.get_name();
        assert!(
            readme.contains(&format!("grpcb {name}")),
            "README lacks `grpcb {name}`"
        );
        for arg in sub.get_arguments() {
            let Some(long) = arg.get_long() else { continue };
            if matches!(long, "help" | "version") {
                continue;
            }
            assert!(
                readme.contains(&format!("--{long}")),
                "README lacks --{long} of grpcb {name}"
            );
        }
    }
}

/// Bash completes every callback name, alias and command, after `send`, `example`, `bench`,
/// `schema` and `fuzz` (the committed script, sourced in a real bash).
#[test]
fn bash_completes_every_callback_name() {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/grpcb.bash");
    let complete = |words: &str| {
        let program = format!(
            "source '{}'; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); _grpcb grpcb \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let out = std::process::Command::new("bash")
            .args(["--norc", "-c", &program])
            .output()
            .expect("bash runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    for callback in grpcb_contract::catalog::CALLBACKS {
        for subcommand in ["send", "example", "bench", "schema", "fuzz"] {
            let offered = complete(&format!("grpcb {subcommand} ''"));
            for name in [callback.alias, callback.command] {
                assert!(
                    offered.lines().any(|line| line == name),
                    "{subcommand}: {name} not offered"
                );
            }
        }
    }
    let offered = complete("grpcb send c2c-before");
    assert_eq!(offered.trim(), "c2c-before-send");
    let families = complete("grpcb list --family ''");
    assert!(
        families.lines().any(|line| line == "official-account"),
        "{families}"
    );
}
