// gensample: realistic synthetic organisations in griexport's input format, for benchmarks
// and batch tests. Deterministic per seed (its own generator: the standard library's
// distributions differ between implementations).
//
//   gensample --indicators N --years Y --organisations K --seed S [--year R] [--broken M] -o DIR
//
// writes DIR/synthetic-0001/ … and DIR/organisations.txt (one folder per line, for
// `griexport batch`). Each organisation has areas and goals; N indicators whose units are of
// several kinds (t CO2e, MWh, %, count, m³, hours, SEK, m², inhabitants, kWh/m²); every
// tenth indicator's definition changes half-way with a restatement; targets set in the base
// year, every seventh revised later; climate accounts with four parts and their total (the
// total is their sum); observations with gender splits and preliminary values; a Kolada
// file; narratives and an organisation rule. --broken M breaks M organisations (an
// observation of an indicator the programme does not have), spread over the batch;
// --rules N adds N rules each naming the one before, --one-line writes programme.xml on one
// line (the load tests of tests/hostile-inputs.sh).
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// SplitMix64: small, fast, and the same numbers everywhere.
struct Random {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    long below(long n) { return static_cast<long>(next() % static_cast<std::uint64_t>(n)); }
};

struct Kind {
    const char* unit;
    int precision;
    long low, high;  // the range of a year's value
};
// The units a Swedish programme's indicators come in.
const Kind kinds[] = {{"t CO2e", 0, 200, 20000}, {"MWh", 0, 1000, 90000},
                      {"%", 1, 5, 95},           {"st", 0, 1, 400},
                      {"m3", 0, 5000, 200000},   {"timmar", 0, 1000, 90000},
                      {"tkr", 0, 100, 50000},    {"kvm", 0, 10000, 300000}};

const char* area_names[][2] = {{"Miljö och klimat", "Environment and climate"},
                               {"Välfärd och hälsa", "Welfare and health"},
                               {"Ekonomi och arbete", "Economy and work"},
                               {"Utbildning", "Education"},
                               {"Infrastruktur", "Infrastructure"},
                               {"Kultur och fritid", "Culture and leisure"},
                               {"Demokrati", "Democracy"},
                               {"Trygghet", "Safety"}};

struct Options {
    long indicators = 65, years = 4, organisations = 1, seed = 1, year = 2021, broken = 0;
    long rules = 0;         // --rules N: N more value rules, each naming the one before
    bool one_line = false;  // --one-line: programme.xml on a single line, as generators write
    fs::path out;
};

struct Indicator {
    std::string id, goal;
    const Kind* kind;
    bool changes = false, gender = false, preliminary = false, revised = false;
};

void write(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

// N value rules, each adding the one before: a dependency chain as long as N.
std::string chain(long n) {
    std::string out;
    for (long r = 0; r < n; ++r)
        out += fmt::format(
            "  <rule id=\"chain.{}\" disclosure=\"305-4\" requirement=\"a\"><value unit=\"t CO2e\" "
            "precision=\"0\">value(\"klimat\"){}</value></rule>\n",
            r, r ? fmt::format(" + rule(\"chain.{}\")", r - 1) : "");
    return out;
}

void organisation(const Options& o, long k, bool broken, const fs::path& dir) {
    Random r{static_cast<std::uint64_t>(o.seed) * 1000003u + static_cast<std::uint64_t>(k)};
    const long first = o.year - o.years + 1, mid = first + o.years / 2;
    const bool region = k % 3 == 0;
    const char* what_sv = region ? "region" : "kommun";
    const char* what_en = region ? "region" : "municipality";
    fs::create_directories(dir / "kolada");

    long areas = std::clamp(o.indicators / 50, 1L, 8L);
    long goals = std::max(3L, o.indicators / 5);
    std::vector<std::string> goal_ids;
    std::string p = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<programme>\n";
    for (long a = 1; a <= areas; ++a)
        p += fmt::format("  <area id=\"{}\"><title><sv>{}</sv><en>{}</en></title></area>\n", a,
                         area_names[a - 1][0], area_names[a - 1][1]);
    for (long g = 0; g < goals; ++g) {
        long a = 1 + g % areas;
        goal_ids.push_back(fmt::format("{}.{}", a, 1 + g / areas));
        p += fmt::format(
            "  <goal id=\"{0}\" area=\"{1}\"><title><sv>Delmål {0}</sv><en>Goal {0}</en></title>"
            "</goal>\n",
            goal_ids.back(), a);
    }
    // Three indicators every organisation has: the climate accounts' total, the population
    // and the energy use (the intensities' denominator and numerator), and the floor area.
    const std::string climate_goal = goal_ids[0];
    std::vector<Indicator> inds;
    inds.push_back({"klimat", climate_goal, &kinds[0]});
    inds.push_back({"invanare", climate_goal, nullptr});
    inds.push_back({"energi", goal_ids[1], &kinds[1]});
    inds.push_back({"lokalyta", goal_ids[1], &kinds[7]});
    for (long i = static_cast<long>(inds.size()); i < o.indicators; ++i) {
        const std::string& goal = goal_ids[static_cast<std::size_t>(i) % goal_ids.size()];
        Indicator ind{fmt::format("{}.{}", goal, 1 + i / static_cast<long>(goal_ids.size())), goal,
                      &kinds[r.below(7)]};
        ind.changes = i % 10 == 5 && o.years >= 2;
        ind.gender = i % 9 == 4;
        ind.preliminary = i % 5 == 2;
        ind.revised = i % 7 == 3;
        inds.push_back(ind);
    }
    std::string obs = "indicator,year,value,unit,status,source,gender\n";
    std::string targets, restatements;
    for (std::size_t i = 0; i < inds.size(); ++i) {
        const Indicator& ind = inds[i];
        const char* unit = ind.kind ? ind.kind->unit : "invånare";
        int precision = ind.kind ? ind.kind->precision : 0;
        p += fmt::format(
            "  <indicator id=\"{}\" goal=\"{}\" unit=\"{}\"{} kind=\"{}\"{}>\n", ind.id, ind.goal,
            unit, precision ? fmt::format(" precision=\"{}\"", precision) : "",
            i % 4 == 1 ? "prerequisite" : "outcome", i == 5 ? " kolada-kpi=\"N00005\"" : "");
        p += fmt::format("    <name><sv>Nyckeltal {0}</sv><en>Indicator {0}</en></name>\n", ind.id);
        if (ind.changes) {
            p += fmt::format(
                "    <definition version=\"1\" valid-from=\"{}-01-01\" valid-to=\"{}-12-31\">"
                "<sv>Den första definitionen</sv><en>The first definition</en></definition>\n"
                "    <definition version=\"2\" valid-from=\"{}-01-01\"><sv>Den nya definitionen, "
                "med fler verksamheter</sv><en>The new definition, with more "
                "operations</en></definition>\n",
                first, mid - 1, mid);
            restatements += fmt::format(
                "  <restatement id=\"R-{0}\" indicator=\"{0}\" from-version=\"1\" to-version=\"2\" "
                "effective-year=\"{1}\"><reason><sv>Fler verksamheter ingår.</sv><en>More "
                "operations are included.</en></reason><effect><sv>Värdena blev omkring 10 % "
                "högre.</sv><en>Values rose by about 10 %.</en></effect></restatement>\n",
                ind.id, mid);
        } else {
            p += fmt::format(
                "    <definition version=\"1\" valid-from=\"{}-01-01\"><sv>Enligt "
                "verksamhetssystemet</sv><en>According to the operating system</en>"
                "</definition>\n",
                first);
        }
        p += "  </indicator>\n";
        // Values drift from a start by a few percent a year; one row per year, by gender
        // for some (the total as well), the latest year preliminary for some.
        long base = ind.kind ? ind.kind->low + r.below(ind.kind->high - ind.kind->low)
                             : 20000 + r.below(300000);
        // The climate indicator's values are the climate accounts'; the Kolada one's, Kolada's.
        if (i == 0 || i == 5) continue;
        for (long y = first; y <= o.year; ++y) {
            long v = base + (base * (r.below(11) - 6)) / 100 * (y - first + 1) / o.years;
            if (ind.changes && y >= mid) v += v / 10;
            v = std::max(v, 1L);
            if (ind.kind && ind.kind->unit == std::string("%")) v = std::min(v, 99L);
            std::string value =
                precision ? fmt::format("{}.{}", v, r.below(10)) : fmt::format("{}", v);
            const char* status = ind.preliminary && y == o.year ? "preliminary" : "final";
            obs += fmt::format("{},{},{},{},{},Verksamhetssystemet,\n", ind.id, y, value, unit,
                               status);
            if (ind.gender && std::string(unit) != "%")
                obs += fmt::format(
                    "{0},{1},{2},{3},{4},Verksamhetssystemet,K\n{0},{1},{5},{3},{4},"
                    "Verksamhetssystemet,M\n",
                    ind.id, y, v / 2, unit, status, v - v / 2);
        }
        if (!ind.kind || i < 4) continue;
        bool falling = ind.kind == &kinds[0] || ind.kind == &kinds[1];
        if (falling)
            targets += fmt::format(
                "  <target indicator=\"{}\" year=\"{}\" set-in=\"{}\" comparison=\"at-most\" "
                "value=\"-{}\" unit=\"%\" relative-to=\"{}\"/>\n",
                ind.id, o.year + 9, first, 20 + r.below(60), first);
        else
            targets += fmt::format(
                "  <target indicator=\"{}\" year=\"{}\" set-in=\"{}\" comparison=\"at-least\" "
                "value=\"{}\" unit=\"{}\"/>\n",
                ind.id, o.year + 9, first, base + base / 5, unit);
        if (ind.revised && o.years >= 2)
            targets += fmt::format(
                "  <target indicator=\"{}\" year=\"{}\" set-in=\"{}\" comparison=\"{}\" "
                "value=\"{}\" unit=\"{}\"{}/>\n",
                ind.id, o.year + 9, o.year - 1, falling ? "at-most" : "at-least",
                falling ? fmt::format("-{}", 30 + r.below(50)) : fmt::format("{}", base + base / 4),
                falling ? "%" : unit, falling ? fmt::format(" relative-to=\"{}\"", first) : "");
    }
    p += targets + restatements;
    p += fmt::format(
        "  <calculation-model id=\"modell-1\" valid-from=\"{}-01-01\"><name><sv>Klimatbokslutets "
        "modell</sv><en>The climate accounts' model</en></name></calculation-model>\n"
        "  <climate-accounts indicator=\"klimat\">\n",
        first);
    const char* posts[][3] = {{"transporter", "Transporter", "Transport"},
                              {"lokaler", "Lokaler", "Premises"},
                              {"maltider", "Måltider", "Meals"},
                              {"ovrigt", "Övrigt", "Other"}};
    for (const auto& post : posts)
        p += fmt::format(
            "    <post id=\"{}\" role=\"part\"><name><sv>{}</sv><en>{}</en></name></post>\n",
            post[0], post[1], post[2]);
    p +=
        "    <post id=\"totalt\" role=\"total\"><name><sv>Totalt</sv><en>Total</en></name></post>\n"
        "  </climate-accounts>\n  <intensity denominator=\"invanare\" energy=\"energi\"/>\n"
        "</programme>\n";
    if (o.one_line) {
        std::string flat;
        flat.reserve(p.size());
        for (std::size_t at = 0; at < p.size(); ++at) {
            if (p[at] == '\n' && at > 40) {  // the declaration keeps its own line
                while (at + 1 < p.size() && p[at + 1] == ' ') ++at;
                continue;
            }
            flat += p[at];
        }
        p = std::move(flat) + "\n";
    }
    write(dir / "programme.xml", p);

    std::string climate = "post,year,measure,compared_with,value,unit,model,source\n";
    std::vector<long> parts{1000 + r.below(4000), 800 + r.below(3000), 500 + r.below(2000),
                            100 + r.below(1000)};
    for (long y = first; y <= o.year; ++y) {
        long total = 0;
        for (std::size_t q = 0; q < parts.size(); ++q) {
            long v = parts[q] - parts[q] * (y - first) * (2 + r.below(4)) / 100;
            total += v;
            climate += fmt::format("{},{},emissions,,{},t CO2e,modell-1,Klimatbokslut {}\n",
                                   posts[q][0], y, v, y);
        }
        climate +=
            fmt::format("totalt,{},emissions,,{},t CO2e,modell-1,Klimatbokslut {}\n", y, total, y);
    }
    write(dir / "climate-accounts.csv", climate);
    if (broken) obs += fmt::format("finns-inte,{},1,st,final,,\n", o.year);
    write(dir / "observations.csv", obs);

    std::string kolada = fmt::format("{{\"count\":{},\"values\":[\n", o.years);
    for (long y = first; y <= o.year; ++y)
        kolada += fmt::format(
            "{{\"kpi\":\"N00005\",\"municipality\":\"{:04d}\",\"period\":{},\"values\":["
            "{{\"gender\":\"T\",\"status\":\"\",\"value\":{}}}]}}{}\n",
            1000 + k % 9000, y, 400 + r.below(100), y == o.year ? "" : ",");
    kolada += "]}\n";
    write(dir / "kolada" / "nyckeltal.json", kolada);

    write(
        dir / "organisation.xml",
        fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<organisation sample=\"true\" kind=\"{0}\">\n"
                    "  <name><sv>Syntetisk {1} {2}</sv><en>Synthetic {0} {2}</en></name>\n"
                    "  <organisation-number>{3:06d}-{4:04d}</organisation-number>\n"
                    "  <seat><sv>Orten {2}</sv><en>Orten {2}</en></seat>\n"
                    "  <kolada municipality=\"{5:04d}\"/>\n"
                    "  <reporting-period start=\"{6}-01-01\" end=\"{6}-12-31\"/>\n"
                    "  <base-year>{7}</base-year>\n  <languages>sv en</languages>\n"
                    "  <claim sought=\"with-reference\"/>\n"
                    "  <contact><sv>Kansliet, {8} {2}</sv><en>The office, {0} {2}</en></contact>\n"
                    "  <material-topics>\n    <topic id=\"emissions\" goals=\"{9}\"/>\n"
                    "    <topic id=\"energy\" goals=\"{10}\"/>\n  </material-topics>\n"
                    "  <gri-1 principles-applied=\"true\"/>\n</organisation>\n",
                    what_en, what_sv, k, 212000 + k % 1000, k % 10000, 1000 + k % 9000, o.year,
                    first, region ? "Region" : "Kommun", climate_goal, goal_ids[1]));
    write(dir / "narratives.xml",
          fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<narratives>\n"
                      "  <narrative disclosure=\"2-1\" covers=\"all\"><sv>Syntetisk {0} {1} är en "
                      "{0} med omkring {2} invånare.</sv><en>Synthetic {3} {1} is a {3} of about "
                      "{2} inhabitants.</en></narrative>\n"
                      "  <narrative disclosure=\"2-2\" covers=\"all\"><sv>Redovisningen omfattar "
                      "hela organisationen.</sv><en>The report covers the whole "
                      "organisation.</en></narrative>\n</narratives>\n",
                      what_sv, k, 20000 + r.below(300000), what_en));
    write(
        dir / "rules.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rules>\n"
        "  <rule id=\"energy.302-3-a\" disclosure=\"302-3\" requirement=\"a\" override=\"true\">\n"
        "    <label><sv>Energianvändning per m² lokalyta</sv><en>Energy use per m² of floor "
        "area</en></label>\n"
        "    <value unit=\"kWh/m2\" precision=\"1\">convert(value(energy), \"kWh\") / "
        "value(\"lokalyta\")</value>\n  </rule>\n" +
            chain(o.rules) + "</rules>\n");
}

long number(const char* flag, const char* v) {
    char* end = nullptr;
    long n = std::strtol(v, &end, 10);
    if (!*v || *end || n < 0) {
        std::cerr << "gensample: " << flag << " needs a whole number, not '" << v << "'\n";
        std::exit(2);
    }
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--one-line") {
            o.one_line = true;
            continue;
        }
        if (i + 1 >= argc) {
            std::cerr << "gensample: " << a << " needs a value\n";
            return 2;
        }
        const char* v = argv[++i];
        if (a == "--indicators")
            o.indicators = number("--indicators", v);
        else if (a == "--years")
            o.years = number("--years", v);
        else if (a == "--organisations")
            o.organisations = number("--organisations", v);
        else if (a == "--seed")
            o.seed = number("--seed", v);
        else if (a == "--year")
            o.year = number("--year", v);
        else if (a == "--broken")
            o.broken = number("--broken", v);
        else if (a == "--rules")
            o.rules = number("--rules", v);
        else if (a == "-o" || a == "--output")
            o.out = v;
        else {
            std::cerr << "gensample: unknown option " << a
                      << "\nusage: gensample --indicators N --years Y --organisations K --seed S "
                         "[--year R] [--broken M] [--rules N] [--one-line] -o DIR\n";
            return 2;
        }
    }
    if (o.out.empty() || o.indicators < 5 || o.years < 1 || o.organisations < 1) {
        std::cerr << "gensample: -o DIR is required; at least 5 indicators, 1 year, 1 "
                     "organisation\n";
        return 2;
    }
    std::string list;
    for (long k = 1; k <= o.organisations; ++k) {
        // Broken ones spread evenly over the batch: the middle one when there is one.
        bool broken = false;
        for (long b = 1; b <= o.broken; ++b)
            broken = broken || k == std::max(1L, (b * o.organisations) / (o.broken + 1));
        auto name = fmt::format("synthetic-{:04d}", k);
        organisation(o, k, broken, o.out / name);
        list += name + "\n";
    }
    write(o.out / "organisations.txt", list);
    std::cerr << fmt::format("gensample: {} organisation(s) of {} indicators × {} years in {}\n",
                             o.organisations, o.indicators, o.years, o.out.string());
    return 0;
}
