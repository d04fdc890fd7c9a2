//! Writes a synthetic partnet dataset for benchmarks: heavy-tailed like real partnership
//! data (most companies in 1-3 projects, a few hubs in hundreds; most projects of 2-6
//! members, a few consortia of 50-200) and hostile (names with quotes, backslashes, `<&>`
//! and Japanese text).
//!
//! ```text
//! cargo run --release --example generate -- --companies 1000000 --seed 7 -o /tmp/big.json
//! ```
//!
//! The same seed and size give a byte-identical file. Projects number companies/2 and
//! participations about 3 per company; every participation is dated, and one link in a
//! hundred has a second, later record that moves its status. On stdout it prints one JSON line describing the
//! file, with a hub and a typical company to query (benches/run.sh reads it).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use serde::Serialize;

/// SplitMix64: tiny, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in (0, 1].
    fn unit(&mut self) -> f64 {
        ((self.next() >> 11) + 1) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() <= p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "to", "mi", "su", "ra", "no", "shi", "ta", "be", "ro", "vel", "ar", "den", "lux", "cor", "tan", "qui", "bra",
    "sol", "ver", "hal", "mon", "tri", "gen", "nor", "zen", "pel", "dra", "fin", "gar",
];
const SUFFIXES: &[&str] = &[
    "Industries",
    "Holdings",
    "Energy",
    "Systems",
    "Corporation",
    "Group",
    "Partners",
    "Technologies",
    "Heavy Industries",
    "Capital",
    "Logistics",
    "Materials",
];
const FORMS: &[&str] = &["", " Inc.", " Ltd.", " Co., Ltd.", " LLC", " plc", " AG", " S.A."];
const JAPANESE: &[&str] = &[
    "東京電力",
    "三菱重工業",
    "日立製作所",
    "東芝エネルギー",
    "関西電力",
    "株式会社みらい",
    "日本製鉄",
    "住友商事",
];
const HOSTILE: &[&str] = &[
    "\"Quoted\" & Sons",
    "Back\\slash Ltd.",
    "<Angle> & <Co>",
    "A&B <R&D>",
    "O'Brien \"The Best\"",
    "C:\\Data\\Works",
    "{Braces} -- Dash",
    "Tab\tSeparated",
];
const KINDS: &[&str] = &["agency", "government", "organisation", "university", "person"];
const COUNTRIES: &[&str] = &[
    "US", "JP", "DE", "FR", "GB", "KR", "CN", "IN", "CA", "AU", "BR", "IT", "ES", "NL", "SE", "CH", "SG", "AE", "SA",
    "MX",
];
const SECTORS: &[&str] = &[
    "energy",
    "energy/nuclear",
    "energy/gas",
    "energy/grid",
    "energy/solar",
    "energy/wind",
    "semiconductors",
    "shipbuilding",
    "critical-minerals",
    "pharmaceuticals",
    "ai/data-centres",
    "infrastructure/rail",
    "infrastructure/ports",
    "finance",
    "defence",
];
const PROJECT_STATUSES: &[&str] = &["reported", "proposed", "considering", "selected", "agreed", "completed"];
const ROLES: &[&str] = &[
    "lead",
    "supplier",
    "contractor",
    "financier",
    "investor",
    "operator",
    "customer",
];
const LINK_STATUSES: &[&str] = &[
    "interested",
    "considering",
    "announced",
    "agreed",
    "signed",
    "completed",
];
const PUBLISHERS: &[&str] = &[
    "Reuters",
    "Nikkei Asia",
    "Bloomberg",
    "The White House",
    "Kyodo News",
    "日本経済新聞",
];
const PLACES: &[&str] = &[
    "Texas",
    "Ohio",
    "Osaka",
    "Alaska",
    "Gulf Coast",
    "Kyushu",
    "Pennsylvania",
];

#[derive(Serialize)]
struct Source {
    id: String,
    title: String,
    publisher: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Entity {
    id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sectors: Vec<&'static str>,
}

#[derive(Serialize)]
struct Project {
    id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    sector: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<String>,
}

/// Tie kinds the generator draws, and whether each takes a share.
const TIE_KINDS: &[(&str, bool)] = &[
    ("owner", true),
    ("parent", false),
    ("partner", false),
    ("joint-venture", false),
    ("director", false),
    ("family", false),
];

#[derive(Serialize)]
struct Tie {
    from: String,
    to: String,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    share: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

#[derive(Serialize)]
struct Participation<'a> {
    entity: &'a str,
    project: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

struct Options {
    companies: usize,
    seed: u64,
    output: Option<String>,
    /// The share of companies that get a tie to another one.
    ties: f64,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        companies: 10_000,
        seed: 7,
        output: None,
        ties: 0.0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--companies" => {
                options.companies = value()?.parse().map_err(|e| format!("--companies: {e}"))?;
            }
            "--seed" => options.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "-o" | "--output" => options.output = Some(value()?),
            "--ties" => options.ties = value()?.parse().map_err(|e| format!("--ties: {e}"))?,
            "-h" | "--help" => {
                return Err(
                    "usage: generate [--companies N] [--seed S] [--ties FRACTION] [-o FILE]  (stdout without -o)"
                        .into(),
                )
            }
            other => return Err(format!("unknown argument {other:?}; try --help")),
        }
    }
    if options.companies < 2 {
        return Err("--companies must be at least 2".into());
    }
    if !(0.0..=1.0).contains(&options.ties) {
        return Err("--ties is a fraction of the companies, from 0 to 1".into());
    }
    Ok(options)
}

fn company_id(i: usize) -> String {
    format!("c{i:07}")
}

fn project_id(i: usize) -> String {
    format!("p{i:07}")
}

fn source_id(i: usize) -> String {
    format!("s{i:05}")
}

fn date(rng: &mut Rng) -> String {
    let year = 2015 + rng.below(12);
    match rng.below(10) {
        0 => format!("{year}"),
        1 | 2 => format!("{year}-{:02}", 1 + rng.below(12)),
        _ => format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
    }
}

fn word(rng: &mut Rng) -> String {
    let mut w = String::new();
    for _ in 0..2 + rng.below(2) {
        w.push_str(rng.pick(SYLLABLES));
    }
    let mut chars = w.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
    std::iter::once(first).chain(chars).collect()
}

fn company_name(rng: &mut Rng, i: usize) -> String {
    let roll = rng.below(100);
    let base = if roll < 2 {
        format!("{} {}", rng.pick(HOSTILE), word(rng))
    } else if roll < 7 {
        format!(
            "{}{}",
            rng.pick(JAPANESE),
            ["株式会社", "ホールディングス", ""][rng.below(3)]
        )
    } else {
        format!("{} {}", word(rng), rng.pick(SUFFIXES))
    };
    // The index keeps most names distinct without making them look like ids.
    format!("{base}{} {}", rng.pick(FORMS), i % 997)
}

fn value(rng: &mut Rng) -> String {
    let amount = 1 + rng.below(900);
    let unit = ["M", "B"][rng.below(2)];
    match rng.below(5) {
        0 => format!("up to ${amount}{unit}"),
        1 => format!("about ${amount}{unit}"),
        2 => format!("${amount}{unit}-${}{unit}", amount * 2),
        _ => format!("${amount}{unit}"),
    }
}

/// `count` source ids, duplicates dropped.
fn sources(rng: &mut Rng, n_sources: usize, count: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for _ in 0..count {
        let id = source_id(rng.below(n_sources));
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Projects per company: P(d >= k) = k^-1.4, capped, so the mean is about 3 and a few
/// hundred companies sit in hundreds of projects.
fn company_degree(rng: &mut Rng, cap: usize) -> usize {
    (rng.unit().powf(-1.0 / 1.4) as usize).clamp(1, cap)
}

/// Members per project: mostly 2-6, one in fifty a consortium of 50-200 (mean about 6).
fn project_size(rng: &mut Rng) -> usize {
    if rng.chance(0.02) {
        50 + rng.below(151)
    } else {
        let mut size = 2;
        while size < 30 && rng.chance(0.6) {
            size += 1;
        }
        size
    }
}

/// A serde_json writer for a top-level object of arrays, one record at a time.
struct Arrays<W: Write> {
    out: W,
    arrays: usize,
    items: usize,
}

impl<W: Write> Arrays<W> {
    fn begin(&mut self, name: &str) -> io::Result<()> {
        let sep = if self.arrays == 0 { "{" } else { "],\n" };
        writeln!(self.out, "{sep}\"{name}\":[")?;
        self.arrays += 1;
        self.items = 0;
        Ok(())
    }

    fn item<T: Serialize>(&mut self, item: &T) -> io::Result<()> {
        if self.items > 0 {
            self.out.write_all(b",\n")?;
        }
        self.items += 1;
        serde_json::to_writer(&mut self.out, item).map_err(io::Error::other)
    }

    fn finish(mut self) -> io::Result<W> {
        self.out.write_all(b"]}\n")?;
        Ok(self.out)
    }
}

fn generate(options: &Options, out: impl Write) -> io::Result<String> {
    let mut rng = Rng(options.seed);
    let mut later = Rng(options.seed ^ 0x7A3E_5D1C_0B29_F486);
    let n_companies = options.companies;
    let n_projects = (n_companies / 2).max(1);
    let n_sources = (n_companies / 100).max(1);
    let cap = (n_companies / 1000).clamp(20, 800);

    // Project sizes first, then as many company slots, so every slot is used.
    let sizes: Vec<usize> = (0..n_projects).map(|_| project_size(&mut rng)).collect();
    let total: usize = sizes.iter().sum();
    let mut slots: Vec<u32> = Vec::with_capacity(total);
    let mut degrees: Vec<usize> = (0..n_companies).map(|_| company_degree(&mut rng, cap)).collect();
    // Company 0 is always the biggest hub, so benchmarks know one to ask about.
    degrees[0] = cap;
    for (c, &d) in degrees.iter().enumerate() {
        slots.extend(std::iter::repeat_n(c as u32, d));
    }
    while slots.len() < total {
        slots.push(rng.below(n_companies) as u32);
    }
    for i in (1..slots.len()).rev() {
        let j = rng.below(i + 1);
        slots.swap(i, j);
    }
    slots.truncate(total);

    let mut w = Arrays {
        out,
        arrays: 0,
        items: 0,
    };
    w.begin("sources")?;
    for i in 0..n_sources {
        let source = Source {
            id: source_id(i),
            title: format!(
                "{} report on {} {}",
                rng.pick(PUBLISHERS),
                word(&mut rng),
                rng.pick(SUFFIXES)
            ),
            publisher: rng.pick(PUBLISHERS),
            date: rng.chance(0.9).then(|| date(&mut rng)),
            url: rng
                .chance(0.5)
                .then(|| format!("https://news.example/{}/{i}?a=1&b=<2>", word(&mut rng).to_lowercase())),
        };
        w.item(&source)?;
    }

    w.begin("entities")?;
    for i in 0..n_companies {
        let name = company_name(&mut rng, i);
        let entity = Entity {
            id: company_id(i),
            kind: rng.chance(0.03).then(|| rng.pick(KINDS)),
            country: rng.chance(0.9).then(|| rng.pick(COUNTRIES)),
            aliases: if rng.chance(0.05) {
                vec![format!("{} {}", word(&mut rng), i)]
            } else {
                Vec::new()
            },
            sectors: (0..rng.below(2)).map(|_| rng.pick(SECTORS)).collect(),
            name,
        };
        w.item(&entity)?;
    }

    w.begin("projects")?;
    for (i, _) in sizes.iter().enumerate() {
        let project = Project {
            id: project_id(i),
            name: if rng.chance(0.03) {
                format!("{}プロジェクト {i}", rng.pick(JAPANESE))
            } else {
                format!("{} {} project {i}", rng.pick(PLACES), word(&mut rng))
            },
            sector: rng.chance(0.9).then(|| rng.pick(SECTORS)),
            value: rng.chance(0.4).then(|| value(&mut rng)),
            status: rng.chance(0.7).then(|| rng.pick(PROJECT_STATUSES)),
            location: rng.chance(0.2).then(|| rng.pick(PLACES)),
            date: rng.chance(0.6).then(|| date(&mut rng)),
            sources: {
                let count = rng.below(3);
                sources(&mut rng, n_sources, count)
            },
        };
        w.item(&project)?;
    }

    // Participations: the shuffled slots cut into projects of the drawn sizes. A company
    // drawn twice for one project is dropped the second time.
    w.begin("participations")?;
    let mut last_project = vec![u32::MAX; n_companies];
    let mut count = 0usize;
    let mut degree_seen = vec![0u32; n_companies];
    let mut next = 0;
    for (p, &size) in sizes.iter().enumerate() {
        let pid = project_id(p);
        for &c in &slots[next..next + size] {
            if last_project[c as usize] == p as u32 {
                continue;
            }
            last_project[c as usize] = p as u32;
            degree_seen[c as usize] += 1;
            count += 1;
            let cid = company_id(c as usize);
            let link = Participation {
                entity: &cid,
                project: &pid,
                role: rng.chance(0.4).then(|| rng.pick(ROLES)),
                status: rng.chance(0.4).then(|| rng.pick(LINK_STATUSES)),
                sources: {
                    let count = [0, 0, 0, 1, 1, 1, 1, 1, 1, 2][rng.below(10)];
                    sources(&mut rng, n_sources, count)
                },
                evidence: rng
                    .chance(0.01)
                    .then(|| format!("{} says \"{}\" <signed> & sealed", rng.pick(PUBLISHERS), word(&mut rng))),
                // Every link dated (for `changes` and `timeline`), from a stream of its own so
                // that the rest of the file is what the same seed always gave.
                date: rng
                    .chance(0.2)
                    .then(|| date(&mut rng))
                    .or_else(|| Some(date(&mut later))),
            };
            w.item(&link)?;
            // One link in a hundred has a later report that moves its status: a history.
            if later.chance(0.01) {
                let first = link.date.clone().unwrap_or_default();
                let mut when = date(&mut later);
                while when <= first && !first.starts_with("2026") {
                    when = date(&mut later);
                }
                if when > first {
                    count += 1;
                    w.item(&Participation {
                        status: Some(later.pick(&["agreed", "signed", "completed", "cancelled"])),
                        sources: sources(&mut later, n_sources, 1),
                        evidence: None,
                        date: Some(when),
                        ..link
                    })?;
                }
            }
        }
        next += size;
    }
    // Ties come from a generator of their own, so that a file without them is the same as
    // before they existed.
    let mut ties = 0usize;
    if options.ties > 0.0 {
        let mut rng = Rng(options.seed ^ 0x7469_6573);
        w.begin("ties")?;
        for c in 0..n_companies {
            if !rng.chance(options.ties) {
                continue;
            }
            let other = (c + 1 + rng.below(n_companies - 1)) % n_companies;
            let (kind, shared) = rng.pick(TIE_KINDS);
            let tie = Tie {
                from: company_id(c),
                to: company_id(other),
                kind,
                share: shared.then(|| (1 + rng.below(100)) as f64),
                sources: {
                    let count = rng.below(2);
                    sources(&mut rng, n_sources, count)
                },
                date: rng.chance(0.3).then(|| date(&mut rng)),
            };
            w.item(&tie)?;
            ties += 1;
        }
    }
    w.finish()?.flush()?;

    let typical = (1..n_companies).find(|&c| degree_seen[c] == 2).unwrap_or(1);
    let far = (1..n_companies)
        .rev()
        .find(|&c| degree_seen[c] == 2)
        .unwrap_or(n_companies - 1);
    Ok(serde_json::json!({
        "companies": n_companies,
        "projects": n_projects,
        "sources": n_sources,
        "participations": count,
        "ties": ties,
        "hub": company_id(0),
        "hub_projects": degree_seen[0],
        "typical": company_id(typical),
        "far": company_id(far),
    })
    .to_string())
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("generate: {e}");
            return ExitCode::from(2);
        }
    };
    let result = match &options.output {
        Some(path) => File::create(path).and_then(|f| generate(&options, BufWriter::with_capacity(1 << 20, f))),
        None => generate(&options, BufWriter::new(io::stdout().lock())),
    };
    match result {
        Ok(summary) => {
            if options.output.is_some() {
                println!("{summary}");
            } else {
                eprintln!("{summary}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("generate: {e}");
            ExitCode::FAILURE
        }
    }
}
