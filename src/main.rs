//! `staffroom`: the engine on the command line, for rule-pack authors (a school's IT lead),
//! conformance tests and benchmarks. JSON lines in, JSON lines out.

use staffroom::classify::Context;
use staffroom::{extract, Engine, Post, RulePack};
use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

const HELP: &str = "\
staffroom — Staffroom's filtering engine on the command line

USAGE:
    staffroom extract                     stdin: JSON lines {\"text\": …}
                                          stdout: {\"hashtags\": […], \"mentions\": […], \"urls\": […]}
    staffroom classify --rules PACK.json  stdin: JSON lines of posts
                                          {\"id\", \"text\", \"author\"?, \"hashtags\"?, \"lang\"?, \"kind\"?}
                                          stdout: {\"id\", \"verdict\": show|warn|hide, \"reasons\": [{\"kind\", \"detail\"}]}
    staffroom check PACK.json             validate a rule pack: a summary, or every error by field
    staffroom --help | --version

Blank input lines are skipped. A malformed line stops the run with its line number (exit 1).
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] | ["-h" | "--help" | "help", ..] => {
            print!("{HELP}");
            Ok(())
        }
        ["-V" | "--version"] => {
            println!("staffroom {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        ["extract"] => run_extract(),
        ["classify", "--rules", pack] => run_classify(pack),
        ["classify", flag] if flag.starts_with("--rules=") => run_classify(&flag["--rules=".len()..]),
        ["check", pack] => run_check(pack),
        ["classify", ..] => Err("usage: staffroom classify --rules PACK.json".to_string()),
        ["check", ..] => Err("usage: staffroom check PACK.json".to_string()),
        [other, ..] => Err(format!("unknown command '{other}' (try --help)")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("staffroom: {message}");
            ExitCode::FAILURE
        }
    }
}

fn load_pack(path: &str) -> Result<RulePack, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    RulePack::from_json(&text).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        format!("{path}: {} error(s)\n{}", lines.len(), lines.join("\n"))
    })
}

fn run_check(path: &str) -> Result<(), String> {
    let pack = load_pack(path)?;
    // Compiling catches what parsing cannot (a regex too large to run in linear time).
    Engine::new(&pack).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        format!("{path}: {} error(s)\n{}", lines.len(), lines.join("\n"))
    })?;
    println!("{path}: ok\n{}", pack.summary());
    Ok(())
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TextLine {
    text: String,
}

/// Calls `handle` for each non-blank stdin line, naming the line number in any error.
fn for_each_line(mut handle: impl FnMut(&str, usize) -> Result<(), String>) -> Result<(), String> {
    for (index, line) in io::stdin().lock().lines().enumerate() {
        let number = index + 1;
        let line = line.map_err(|e| format!("line {number}: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        handle(&line, number)?;
    }
    Ok(())
}

fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), String> {
    serde_json::to_writer(&mut *out, value).map_err(|e| e.to_string())?;
    out.write_all(b"\n").map_err(|e| e.to_string())
}

fn run_extract() -> Result<(), String> {
    let mut out = BufWriter::new(io::stdout().lock());
    for_each_line(|line, number| {
        let input: TextLine =
            serde_json::from_str(line).map_err(|e| format!("line {number}: expected {{\"text\": …}}: {e}"))?;
        write_json(&mut out, &extract::extract(&input.text))
    })?;
    out.flush().map_err(|e| e.to_string())
}

/// Posts are classified in batches, as the extension does, so the figures match.
const BATCH: usize = 256;

fn run_classify(path: &str) -> Result<(), String> {
    let pack = load_pack(path)?;
    let engine = Engine::new(&pack).map_err(|errors| {
        errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
    })?;
    let now_ms = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as f64).unwrap_or(0.0);
    let context = Context { now_ms, ..Context::default() };
    let mut out = BufWriter::new(io::stdout().lock());
    let mut batch: Vec<Post> = Vec::with_capacity(BATCH);
    let flush = |batch: &mut Vec<Post>, out: &mut dyn Write| -> Result<(), String> {
        for verdict in engine.classify(batch, &context) {
            write_json(out, &verdict)?;
        }
        batch.clear();
        Ok(())
    };
    for_each_line(|line, number| {
        let post: Post = serde_json::from_str(line).map_err(|e| format!("line {number}: not a post: {e}"))?;
        batch.push(post);
        if batch.len() == BATCH {
            flush(&mut batch, &mut out)?;
        }
        Ok(())
    })?;
    flush(&mut batch, &mut out)?;
    out.flush().map_err(|e| e.to_string())
}
