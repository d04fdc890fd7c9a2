//! ISO 3166-1 countries: the two-letter codes partnet stores, with the three-letter codes
//! and English names people type instead, so that `--country Japan` or `--country JPN`
//! can be answered with "JP". Generated once from the ISO 3166 list (pycountry), with a few
//! common short names added (USA, UK, Russia, ...), and Kosovo's user-assigned XK.
//!
//! This one list is what the loader takes as a `country` (any other two letters are refused
//! with the code meant, when there is one), what `--country` understands, and what the JSON
//! Schema allows ([`schema_pattern`]).

/// (alpha-2, alpha-3, names: the common one first).
pub const COUNTRIES: &[(&str, &str, &[&str])] = &[
    ("AD", "AND", &["Andorra", "Principality of Andorra"]),
    ("AE", "ARE", &["United Arab Emirates"]),
    ("AF", "AFG", &["Afghanistan", "Islamic Republic of Afghanistan"]),
    ("AG", "ATG", &["Antigua and Barbuda"]),
    ("AI", "AIA", &["Anguilla"]),
    ("AL", "ALB", &["Albania", "Republic of Albania"]),
    ("AM", "ARM", &["Armenia", "Republic of Armenia"]),
    ("AO", "AGO", &["Angola", "Republic of Angola"]),
    ("AQ", "ATA", &["Antarctica"]),
    ("AR", "ARG", &["Argentina", "Argentine Republic"]),
    ("AS", "ASM", &["American Samoa"]),
    ("AT", "AUT", &["Austria", "Republic of Austria"]),
    ("AU", "AUS", &["Australia"]),
    ("AW", "ABW", &["Aruba"]),
    ("AX", "ALA", &["Åland Islands"]),
    ("AZ", "AZE", &["Azerbaijan", "Republic of Azerbaijan"]),
    (
        "BA",
        "BIH",
        &["Bosnia and Herzegovina", "Republic of Bosnia and Herzegovina"],
    ),
    ("BB", "BRB", &["Barbados"]),
    ("BD", "BGD", &["Bangladesh", "People's Republic of Bangladesh"]),
    ("BE", "BEL", &["Belgium", "Kingdom of Belgium"]),
    ("BF", "BFA", &["Burkina Faso"]),
    ("BG", "BGR", &["Bulgaria", "Republic of Bulgaria"]),
    ("BH", "BHR", &["Bahrain", "Kingdom of Bahrain"]),
    ("BI", "BDI", &["Burundi", "Republic of Burundi"]),
    ("BJ", "BEN", &["Benin", "Republic of Benin"]),
    ("BL", "BLM", &["Saint Barthélemy"]),
    ("BM", "BMU", &["Bermuda"]),
    ("BN", "BRN", &["Brunei Darussalam"]),
    (
        "BO",
        "BOL",
        &[
            "Bolivia",
            "Bolivia, Plurinational State of",
            "Plurinational State of Bolivia",
        ],
    ),
    ("BQ", "BES", &["Bonaire, Sint Eustatius and Saba"]),
    ("BR", "BRA", &["Brazil", "Federative Republic of Brazil"]),
    ("BS", "BHS", &["Bahamas", "Commonwealth of the Bahamas"]),
    ("BT", "BTN", &["Bhutan", "Kingdom of Bhutan"]),
    ("BV", "BVT", &["Bouvet Island"]),
    ("BW", "BWA", &["Botswana", "Republic of Botswana"]),
    ("BY", "BLR", &["Belarus", "Republic of Belarus"]),
    ("BZ", "BLZ", &["Belize"]),
    ("CA", "CAN", &["Canada"]),
    ("CC", "CCK", &["Cocos (Keeling) Islands"]),
    ("CD", "COD", &["Congo, The Democratic Republic of the"]),
    ("CF", "CAF", &["Central African Republic"]),
    ("CG", "COG", &["Congo", "Republic of the Congo"]),
    ("CH", "CHE", &["Switzerland", "Swiss Confederation"]),
    ("CI", "CIV", &["Côte d'Ivoire", "Republic of Côte d'Ivoire"]),
    ("CK", "COK", &["Cook Islands"]),
    ("CL", "CHL", &["Chile", "Republic of Chile"]),
    ("CM", "CMR", &["Cameroon", "Republic of Cameroon"]),
    ("CN", "CHN", &["China", "People's Republic of China"]),
    ("CO", "COL", &["Colombia", "Republic of Colombia"]),
    ("CR", "CRI", &["Costa Rica", "Republic of Costa Rica"]),
    ("CU", "CUB", &["Cuba", "Republic of Cuba"]),
    ("CV", "CPV", &["Cabo Verde", "Republic of Cabo Verde"]),
    ("CW", "CUW", &["Curaçao"]),
    ("CX", "CXR", &["Christmas Island"]),
    ("CY", "CYP", &["Cyprus", "Republic of Cyprus"]),
    ("CZ", "CZE", &["Czechia", "Czech Republic"]),
    ("DE", "DEU", &["Germany", "Federal Republic of Germany"]),
    ("DJ", "DJI", &["Djibouti", "Republic of Djibouti"]),
    ("DK", "DNK", &["Denmark", "Kingdom of Denmark"]),
    ("DM", "DMA", &["Dominica", "Commonwealth of Dominica"]),
    ("DO", "DOM", &["Dominican Republic"]),
    ("DZ", "DZA", &["Algeria", "People's Democratic Republic of Algeria"]),
    ("EC", "ECU", &["Ecuador", "Republic of Ecuador"]),
    ("EE", "EST", &["Estonia", "Republic of Estonia"]),
    ("EG", "EGY", &["Egypt", "Arab Republic of Egypt"]),
    ("EH", "ESH", &["Western Sahara"]),
    ("ER", "ERI", &["Eritrea", "the State of Eritrea"]),
    ("ES", "ESP", &["Spain", "Kingdom of Spain"]),
    ("ET", "ETH", &["Ethiopia", "Federal Democratic Republic of Ethiopia"]),
    ("FI", "FIN", &["Finland", "Republic of Finland"]),
    ("FJ", "FJI", &["Fiji", "Republic of Fiji"]),
    ("FK", "FLK", &["Falkland Islands (Malvinas)"]),
    (
        "FM",
        "FSM",
        &["Micronesia, Federated States of", "Federated States of Micronesia"],
    ),
    ("FO", "FRO", &["Faroe Islands"]),
    ("FR", "FRA", &["France", "French Republic"]),
    ("GA", "GAB", &["Gabon", "Gabonese Republic"]),
    (
        "GB",
        "GBR",
        &[
            "United Kingdom",
            "United Kingdom of Great Britain and Northern Ireland",
            "UK",
            "Britain",
            "Great Britain",
            "England",
        ],
    ),
    ("GD", "GRD", &["Grenada"]),
    ("GE", "GEO", &["Georgia"]),
    ("GF", "GUF", &["French Guiana"]),
    ("GG", "GGY", &["Guernsey"]),
    ("GH", "GHA", &["Ghana", "Republic of Ghana"]),
    ("GI", "GIB", &["Gibraltar"]),
    ("GL", "GRL", &["Greenland"]),
    ("GM", "GMB", &["Gambia", "Republic of the Gambia"]),
    ("GN", "GIN", &["Guinea", "Republic of Guinea"]),
    ("GP", "GLP", &["Guadeloupe"]),
    ("GQ", "GNQ", &["Equatorial Guinea", "Republic of Equatorial Guinea"]),
    ("GR", "GRC", &["Greece", "Hellenic Republic"]),
    ("GS", "SGS", &["South Georgia and the South Sandwich Islands"]),
    ("GT", "GTM", &["Guatemala", "Republic of Guatemala"]),
    ("GU", "GUM", &["Guam"]),
    ("GW", "GNB", &["Guinea-Bissau", "Republic of Guinea-Bissau"]),
    ("GY", "GUY", &["Guyana", "Republic of Guyana"]),
    (
        "HK",
        "HKG",
        &["Hong Kong", "Hong Kong Special Administrative Region of China"],
    ),
    ("HM", "HMD", &["Heard Island and McDonald Islands"]),
    ("HN", "HND", &["Honduras", "Republic of Honduras"]),
    ("HR", "HRV", &["Croatia", "Republic of Croatia"]),
    ("HT", "HTI", &["Haiti", "Republic of Haiti"]),
    ("HU", "HUN", &["Hungary"]),
    ("ID", "IDN", &["Indonesia", "Republic of Indonesia"]),
    ("IE", "IRL", &["Ireland"]),
    ("IL", "ISR", &["Israel", "State of Israel"]),
    ("IM", "IMN", &["Isle of Man"]),
    ("IN", "IND", &["India", "Republic of India"]),
    ("IO", "IOT", &["British Indian Ocean Territory"]),
    ("IQ", "IRQ", &["Iraq", "Republic of Iraq"]),
    (
        "IR",
        "IRN",
        &["Iran", "Iran, Islamic Republic of", "Islamic Republic of Iran"],
    ),
    ("IS", "ISL", &["Iceland", "Republic of Iceland"]),
    ("IT", "ITA", &["Italy", "Italian Republic"]),
    ("JE", "JEY", &["Jersey"]),
    ("JM", "JAM", &["Jamaica"]),
    ("JO", "JOR", &["Jordan", "Hashemite Kingdom of Jordan"]),
    ("JP", "JPN", &["Japan"]),
    ("KE", "KEN", &["Kenya", "Republic of Kenya"]),
    ("KG", "KGZ", &["Kyrgyzstan", "Kyrgyz Republic"]),
    ("KH", "KHM", &["Cambodia", "Kingdom of Cambodia"]),
    ("KI", "KIR", &["Kiribati", "Republic of Kiribati"]),
    ("KM", "COM", &["Comoros", "Union of the Comoros"]),
    ("KN", "KNA", &["Saint Kitts and Nevis"]),
    (
        "KP",
        "PRK",
        &[
            "North Korea",
            "Korea, Democratic People's Republic of",
            "Democratic People's Republic of Korea",
        ],
    ),
    (
        "KR",
        "KOR",
        &["South Korea", "Korea, Republic of", "Korea", "Republic of Korea"],
    ),
    ("KW", "KWT", &["Kuwait", "State of Kuwait"]),
    ("KY", "CYM", &["Cayman Islands"]),
    ("KZ", "KAZ", &["Kazakhstan", "Republic of Kazakhstan"]),
    ("LA", "LAO", &["Laos", "Lao People's Democratic Republic"]),
    ("LB", "LBN", &["Lebanon", "Lebanese Republic"]),
    ("LC", "LCA", &["Saint Lucia"]),
    ("LI", "LIE", &["Liechtenstein", "Principality of Liechtenstein"]),
    (
        "LK",
        "LKA",
        &["Sri Lanka", "Democratic Socialist Republic of Sri Lanka"],
    ),
    ("LR", "LBR", &["Liberia", "Republic of Liberia"]),
    ("LS", "LSO", &["Lesotho", "Kingdom of Lesotho"]),
    ("LT", "LTU", &["Lithuania", "Republic of Lithuania"]),
    ("LU", "LUX", &["Luxembourg", "Grand Duchy of Luxembourg"]),
    ("LV", "LVA", &["Latvia", "Republic of Latvia"]),
    ("LY", "LBY", &["Libya"]),
    ("MA", "MAR", &["Morocco", "Kingdom of Morocco"]),
    ("MC", "MCO", &["Monaco", "Principality of Monaco"]),
    ("MD", "MDA", &["Moldova", "Moldova, Republic of", "Republic of Moldova"]),
    ("ME", "MNE", &["Montenegro"]),
    ("MF", "MAF", &["Saint Martin (French part)"]),
    ("MG", "MDG", &["Madagascar", "Republic of Madagascar"]),
    ("MH", "MHL", &["Marshall Islands", "Republic of the Marshall Islands"]),
    ("MK", "MKD", &["North Macedonia", "Republic of North Macedonia"]),
    ("ML", "MLI", &["Mali", "Republic of Mali"]),
    ("MM", "MMR", &["Myanmar", "Republic of Myanmar"]),
    ("MN", "MNG", &["Mongolia"]),
    ("MO", "MAC", &["Macao", "Macao Special Administrative Region of China"]),
    (
        "MP",
        "MNP",
        &[
            "Northern Mariana Islands",
            "Commonwealth of the Northern Mariana Islands",
        ],
    ),
    ("MQ", "MTQ", &["Martinique"]),
    ("MR", "MRT", &["Mauritania", "Islamic Republic of Mauritania"]),
    ("MS", "MSR", &["Montserrat"]),
    ("MT", "MLT", &["Malta", "Republic of Malta"]),
    ("MU", "MUS", &["Mauritius", "Republic of Mauritius"]),
    ("MV", "MDV", &["Maldives", "Republic of Maldives"]),
    ("MW", "MWI", &["Malawi", "Republic of Malawi"]),
    ("MX", "MEX", &["Mexico", "United Mexican States"]),
    ("MY", "MYS", &["Malaysia"]),
    ("MZ", "MOZ", &["Mozambique", "Republic of Mozambique"]),
    ("NA", "NAM", &["Namibia", "Republic of Namibia"]),
    ("NC", "NCL", &["New Caledonia"]),
    ("NE", "NER", &["Niger", "Republic of the Niger"]),
    ("NF", "NFK", &["Norfolk Island"]),
    ("NG", "NGA", &["Nigeria", "Federal Republic of Nigeria"]),
    ("NI", "NIC", &["Nicaragua", "Republic of Nicaragua"]),
    (
        "NL",
        "NLD",
        &[
            "Netherlands",
            "Kingdom of the Netherlands",
            "Holland",
            "The Netherlands",
        ],
    ),
    ("NO", "NOR", &["Norway", "Kingdom of Norway"]),
    ("NP", "NPL", &["Nepal", "Federal Democratic Republic of Nepal"]),
    ("NR", "NRU", &["Nauru", "Republic of Nauru"]),
    ("NU", "NIU", &["Niue"]),
    ("NZ", "NZL", &["New Zealand"]),
    ("OM", "OMN", &["Oman", "Sultanate of Oman"]),
    ("PA", "PAN", &["Panama", "Republic of Panama"]),
    ("PE", "PER", &["Peru", "Republic of Peru"]),
    ("PF", "PYF", &["French Polynesia"]),
    (
        "PG",
        "PNG",
        &["Papua New Guinea", "Independent State of Papua New Guinea"],
    ),
    ("PH", "PHL", &["Philippines", "Republic of the Philippines"]),
    ("PK", "PAK", &["Pakistan", "Islamic Republic of Pakistan"]),
    ("PL", "POL", &["Poland", "Republic of Poland"]),
    ("PM", "SPM", &["Saint Pierre and Miquelon"]),
    ("PN", "PCN", &["Pitcairn"]),
    ("PR", "PRI", &["Puerto Rico"]),
    ("PS", "PSE", &["Palestine, State of", "the State of Palestine"]),
    ("PT", "PRT", &["Portugal", "Portuguese Republic"]),
    ("PW", "PLW", &["Palau", "Republic of Palau"]),
    ("PY", "PRY", &["Paraguay", "Republic of Paraguay"]),
    ("QA", "QAT", &["Qatar", "State of Qatar"]),
    ("RE", "REU", &["Réunion"]),
    ("RO", "ROU", &["Romania"]),
    ("RS", "SRB", &["Serbia", "Republic of Serbia"]),
    ("RU", "RUS", &["Russian Federation", "Russia"]),
    ("RW", "RWA", &["Rwanda", "Rwandese Republic"]),
    ("SA", "SAU", &["Saudi Arabia", "Kingdom of Saudi Arabia"]),
    ("SB", "SLB", &["Solomon Islands"]),
    ("SC", "SYC", &["Seychelles", "Republic of Seychelles"]),
    ("SD", "SDN", &["Sudan", "Republic of the Sudan"]),
    ("SE", "SWE", &["Sweden", "Kingdom of Sweden"]),
    ("SG", "SGP", &["Singapore", "Republic of Singapore"]),
    ("SH", "SHN", &["Saint Helena, Ascension and Tristan da Cunha"]),
    ("SI", "SVN", &["Slovenia", "Republic of Slovenia"]),
    ("SJ", "SJM", &["Svalbard and Jan Mayen"]),
    ("SK", "SVK", &["Slovakia", "Slovak Republic"]),
    ("SL", "SLE", &["Sierra Leone", "Republic of Sierra Leone"]),
    ("SM", "SMR", &["San Marino", "Republic of San Marino"]),
    ("SN", "SEN", &["Senegal", "Republic of Senegal"]),
    ("SO", "SOM", &["Somalia", "Federal Republic of Somalia"]),
    ("SR", "SUR", &["Suriname", "Republic of Suriname"]),
    ("SS", "SSD", &["South Sudan", "Republic of South Sudan"]),
    (
        "ST",
        "STP",
        &["Sao Tome and Principe", "Democratic Republic of Sao Tome and Principe"],
    ),
    ("SV", "SLV", &["El Salvador", "Republic of El Salvador"]),
    ("SX", "SXM", &["Sint Maarten (Dutch part)"]),
    ("SY", "SYR", &["Syria", "Syrian Arab Republic"]),
    ("SZ", "SWZ", &["Eswatini", "Kingdom of Eswatini"]),
    ("TC", "TCA", &["Turks and Caicos Islands"]),
    ("TD", "TCD", &["Chad", "Republic of Chad"]),
    ("TF", "ATF", &["French Southern Territories"]),
    ("TG", "TGO", &["Togo", "Togolese Republic"]),
    ("TH", "THA", &["Thailand", "Kingdom of Thailand"]),
    ("TJ", "TJK", &["Tajikistan", "Republic of Tajikistan"]),
    ("TK", "TKL", &["Tokelau"]),
    ("TL", "TLS", &["Timor-Leste", "Democratic Republic of Timor-Leste"]),
    ("TM", "TKM", &["Turkmenistan"]),
    ("TN", "TUN", &["Tunisia", "Republic of Tunisia"]),
    ("TO", "TON", &["Tonga", "Kingdom of Tonga"]),
    ("TR", "TUR", &["Türkiye", "Republic of Türkiye"]),
    ("TT", "TTO", &["Trinidad and Tobago", "Republic of Trinidad and Tobago"]),
    ("TV", "TUV", &["Tuvalu"]),
    ("TW", "TWN", &["Taiwan", "Taiwan, Province of China"]),
    (
        "TZ",
        "TZA",
        &[
            "Tanzania",
            "Tanzania, United Republic of",
            "United Republic of Tanzania",
        ],
    ),
    ("UA", "UKR", &["Ukraine"]),
    ("UG", "UGA", &["Uganda", "Republic of Uganda"]),
    ("UM", "UMI", &["United States Minor Outlying Islands"]),
    (
        "US",
        "USA",
        &["United States", "United States of America", "USA", "America"],
    ),
    ("UY", "URY", &["Uruguay", "Eastern Republic of Uruguay"]),
    ("UZ", "UZB", &["Uzbekistan", "Republic of Uzbekistan"]),
    ("VA", "VAT", &["Holy See (Vatican City State)"]),
    ("VC", "VCT", &["Saint Vincent and the Grenadines"]),
    (
        "VE",
        "VEN",
        &[
            "Venezuela",
            "Venezuela, Bolivarian Republic of",
            "Bolivarian Republic of Venezuela",
        ],
    ),
    ("VG", "VGB", &["Virgin Islands, British", "British Virgin Islands"]),
    (
        "VI",
        "VIR",
        &["Virgin Islands, U.S.", "Virgin Islands of the United States"],
    ),
    ("VN", "VNM", &["Vietnam", "Viet Nam", "Socialist Republic of Viet Nam"]),
    ("VU", "VUT", &["Vanuatu", "Republic of Vanuatu"]),
    ("WF", "WLF", &["Wallis and Futuna"]),
    ("WS", "WSM", &["Samoa", "Independent State of Samoa"]),
    // User-assigned, not ISO's own, but the code everyone (the EU, FollowTheMoney) uses.
    ("XK", "XKX", &["Kosovo"]),
    ("YE", "YEM", &["Yemen", "Republic of Yemen"]),
    ("YT", "MYT", &["Mayotte"]),
    ("ZA", "ZAF", &["South Africa", "Republic of South Africa"]),
    ("ZM", "ZMB", &["Zambia", "Republic of Zambia"]),
    ("ZW", "ZWE", &["Zimbabwe", "Republic of Zimbabwe"]),
];

/// The country a user means by `text`: an alpha-2 or alpha-3 code or a name, any case.
///
/// ```
/// use partnet::country::lookup;
/// assert_eq!(lookup("Japan").map(|c| c.0), Some("JP"));
/// assert_eq!(lookup("jpn").map(|c| c.0), Some("JP"));
/// assert_eq!(lookup("United States of America").map(|c| c.0), Some("US"));
/// assert_eq!(lookup("Atlantis"), None);
/// ```
pub fn lookup(text: &str) -> Option<&'static (&'static str, &'static str, &'static [&'static str])> {
    let text = text.trim();
    COUNTRIES.iter().find(|(a2, a3, names)| {
        a2.eq_ignore_ascii_case(text)
            || a3.eq_ignore_ascii_case(text)
            || names.iter().any(|n| crate::names::fold(n) == crate::names::fold(text))
    })
}

/// The common English name of an alpha-2 code.
pub fn name(code: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(a2, _, _)| a2.eq_ignore_ascii_case(code))
        .map(|(_, _, names)| names[0])
}

/// Whether `code` is one of [`COUNTRIES`]' alpha-2 codes, in any case.
pub fn is_code(code: &str) -> bool {
    let &[a, b] = code.as_bytes() else { return false };
    let (a, b) = (a.to_ascii_uppercase(), b.to_ascii_uppercase());
    a.is_ascii_uppercase() && b.is_ascii_uppercase() && CODES[usize::from(a - b'A')] & (1 << (b - b'A')) != 0
}

/// The codes of [`COUNTRIES`] as one bit per pair of letters (row: the first letter), so
/// that [`is_code`], run for every organisation a file holds, is one lookup and not a
/// search of the list.
static CODES: [u32; 26] = code_table();

const fn code_table() -> [u32; 26] {
    let mut table = [0u32; 26];
    let mut i = 0;
    while i < COUNTRIES.len() {
        let code = COUNTRIES[i].0.as_bytes();
        table[(code[0] - b'A') as usize] |= 1 << (code[1] - b'A');
        i += 1;
    }
    table
}

/// What to do about a data `country` that is not a code of [`COUNTRIES`]: the code meant
/// when the text names a country ("UK", "Japan", "JPN"), else how to write one.
pub fn fix_for(text: &str) -> String {
    match lookup(text) {
        Some((code, _, names)) => format!("did you mean {code} ({})? write \"{code}\"", names[0]),
        None => "write the two-letter ISO 3166-1 code, e.g. \"JP\" for Japan, \"GB\" for the United Kingdom, \
                 or leave `country` out if it is not known"
            .to_string(),
    }
}

/// The JSON Schema pattern of a `country`: exactly the codes of [`COUNTRIES`], in any case,
/// grouped by first letter: `^(?:[Aa][DEFGdefg]|...)$`. (JSON Schema's regular
/// expressions have no case-insensitive flag, and an enum of every casing would be 1000
/// values long.)
pub fn schema_pattern() -> String {
    let mut groups: Vec<(u8, Vec<u8>)> = Vec::new();
    for (a2, _, _) in COUNTRIES {
        let [first, second] = *a2.as_bytes() else {
            unreachable!("alpha-2 codes are two letters")
        };
        match groups.last_mut() {
            Some((f, seconds)) if *f == first => seconds.push(second),
            _ => groups.push((first, vec![second])),
        }
    }
    let alternatives: Vec<String> = groups
        .iter()
        .map(|(first, seconds)| {
            let upper: String = seconds.iter().map(|&b| b as char).collect();
            format!(
                "[{}{}][{upper}{}]",
                *first as char,
                first.to_ascii_lowercase() as char,
                upper.to_ascii_lowercase()
            )
        })
        .collect();
    format!("^(?:{})$", alternatives.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_upper_case_pairs() {
        for pair in COUNTRIES.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        for (a2, a3, names) in COUNTRIES {
            assert!(a2.len() == 2 && a2.bytes().all(|b| b.is_ascii_uppercase()), "{a2}");
            assert!(a3.len() == 3 && a3.bytes().all(|b| b.is_ascii_uppercase()), "{a3}");
            assert!(!names.is_empty());
        }
    }

    #[test]
    fn codes_are_told_from_other_letters() {
        for yes in ["JP", "jp", "Jp", "GB", "XK", "ZW"] {
            assert!(is_code(yes), "{yes}");
        }
        for no in ["UK", "EU", "QQ", "ZZ", "XX", "J", "JPN", "", "日本"] {
            assert!(!is_code(no), "{no}");
        }
        assert_eq!(fix_for("UK"), "did you mean GB (United Kingdom)? write \"GB\"");
        assert_eq!(fix_for("Japan"), "did you mean JP (Japan)? write \"JP\"");
        assert!(fix_for("EU").starts_with("write the two-letter"));
    }

    /// The bit table says of every pair of letters, in either case, what the list says.
    #[test]
    fn the_code_table_is_the_list() {
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                let code = String::from_utf8(vec![a, b]).unwrap();
                let listed = COUNTRIES.iter().any(|(a2, _, _)| *a2 == code);
                assert_eq!(is_code(&code), listed, "{code}");
                assert_eq!(is_code(&code.to_ascii_lowercase()), listed, "{code}");
            }
        }
        assert!(!is_code("J1") && !is_code("@A") && !is_code("[A"));
    }

    #[test]
    fn the_schema_pattern_is_the_list() {
        let pattern = schema_pattern();
        assert!(
            pattern.starts_with("^(?:[Aa][DEFGILMOQRSTUWXZdefgilmoqrstuwxz]|"),
            "{pattern}"
        );
        assert!(pattern.contains("|[Xx][Kk]|"), "{pattern}");
        assert!(!pattern.contains("[Uu][K"), "UK is not a code: {pattern}");
    }
}
