// griexport init: a starter organisation of a region, a municipality or a company, written
// from the same formats docs/input-formats.md describes, marked sample="true" so that
// every document says its values are illustrative until the organisation fills in its own.
#include <fmt/format.h>

#include "griexport/output.hpp"
#include "griexport/starter.hpp"

namespace griexport {

namespace {

struct Kind {
    const char* id;
    const char* name_sv;
    const char* name_en;
    const char* number;  // a placeholder of the right shape
    const char* seat;
    const char* per_id;  // the intensity denominator
    const char* per_unit;
    const char* per_sv;
    const char* per_en;
    const char* per_base;  // base year and year values
    const char* per_year;
};

constexpr Kind kinds[] = {
    {"region", "Exempelregionen", "Exempelregionen (Example Region)", "232100-0000", "Exempelstad",
     "invånare", "invånare", "Folkmängd 31 december", "Population on 31 December", "287000",
     "288500"},
    {"municipality", "Exempelkommun", "Exempelkommun (Example Municipality)", "212000-0000",
     "Exempelby", "invånare", "invånare", "Folkmängd 31 december", "Population on 31 December",
     "24500", "24780"},
    {"company", "Exempelbolaget AB", "Exempelbolaget AB", "556000-0000", "Exempelstad",
     "årsarbetare", "FTE", "Medelantal årsarbetare", "Average full-time equivalents", "410", "432"},
};

std::string organisation_xml(const Kind& k, const std::string& name, const std::string& name_en,
                             int year) {
    return fmt::format(
        R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by griexport init. Replace the illustrative values with your own, then remove
     sample="true": until then every document says it is an example. docs/getting-started.md
     walks through each file. -->
<organisation sample="true" kind="{kind}">
  <name>
    <sv>{name}</sv>
    <en>{name_en}</en>
  </name>
  <organisation-number>{number}</organisation-number>
{company}  <seat><sv>{seat}</sv><en>{seat}</en></seat>
{countries}  <reporting-period start="{year}-01-01" end="{year}-12-31"/>
  <base-year>{base}</base-year>
  <languages>sv en</languages>
  <claim sought="in-accordance"/>
  <contact>
    <sv>Hållbarhetsfunktionen, {name}</sv>
    <en>Sustainability function, {name}</en>
  </contact>
  <material-topics>
    <topic id="emissions" goals="klimat"/>
    <topic id="energy" goals="energi"/>
  </material-topics>
  <gri-1 principles-applied="false"/>
</organisation>
)",
        fmt::arg("kind", k.id), fmt::arg("name", name), fmt::arg("name_en", name_en),
        fmt::arg("number", k.number), fmt::arg("seat", k.seat),
        fmt::arg("countries", std::string_view(k.id) == "company"
                                  ? "  <countries><sv>Sverige</sv><en>Sweden</en>"
                                    "</countries>\n"
                                  : ""),
        fmt::arg("company", std::string_view(k.id) == "company"
                                ? "  <legal-form><sv>Privat aktiebolag, helägt av sina "
                                  "aktieägare.</sv><en>A private limited company, wholly "
                                  "owned by its shareholders.</en></legal-form>\n"
                                : ""),
        fmt::arg("year", year), fmt::arg("base", year - 2));
}

std::string programme_xml(const Kind& k, int year) {
    return fmt::format(R"(<?xml version="1.0" encoding="UTF-8"?>
<programme>
  <area id="miljö">
    <title><sv>Miljö och klimat</sv><en>Environment and climate</en></title>
  </area>
  <goal id="klimat" area="miljö">
    <title><sv>Minskade utsläpp av växthusgaser</sv><en>Lower greenhouse gas emissions</en></title>
  </goal>
  <goal id="energi" area="miljö">
    <title><sv>Effektivare energianvändning</sv><en>More efficient energy use</en></title>
  </goal>
  <indicator id="växthusgaser" goal="klimat" unit="t CO2e" kind="outcome">
    <name><sv>Utsläpp av växthusgaser</sv><en>Greenhouse gas emissions</en></name>
    <definition version="1" valid-from="{base}-01-01"><sv>Klimatbokslutets totala utsläpp</sv><en>Total emissions of the climate accounts</en></definition>
  </indicator>
  <indicator id="energianvändning" goal="energi" unit="MWh" kind="outcome">
    <name><sv>Energianvändning i egna lokaler</sv><en>Energy use in own premises</en></name>
    <definition version="1" valid-from="{base}-01-01"><sv>Köpt el, fjärrvärme och bränslen</sv><en>Purchased electricity, district heating and fuels</en></definition>
  </indicator>
  <indicator id="{per}" goal="klimat" unit="{per_unit}" kind="prerequisite">
    <name><sv>{per_sv}</sv><en>{per_en}</en></name>
    <definition version="1" valid-from="{base}-01-01"><sv>{per_sv}</sv><en>{per_en}</en></definition>
  </indicator>
  <target indicator="växthusgaser" year="2030" set-in="{base}" comparison="at-most" value="-50" unit="%" relative-to="{base}"/>
  <target indicator="energianvändning" year="2030" set-in="{base}" comparison="at-most" value="-20" unit="%" relative-to="{base}"/>
  <calculation-model id="klimatbokslut-1" valid-from="{base}-01-01">
    <name><sv>Klimatbokslutets beräkningsmodell</sv><en>The climate accounts' calculation model</en></name>
  </calculation-model>
  <climate-accounts indicator="växthusgaser">
    <post id="transporter" role="part"><name><sv>Transporter</sv><en>Transport</en></name></post>
    <post id="lokaler" role="part"><name><sv>Lokaler</sv><en>Premises</en></name></post>
    <post id="totalt" role="total"><name><sv>Totalt</sv><en>Total</en></name></post>
  </climate-accounts>
  <intensity denominator="{per}" energy="energianvändning"/>
</programme>
)",
                       fmt::arg("base", year - 2), fmt::arg("per", k.per_id),
                       fmt::arg("per_unit", k.per_unit), fmt::arg("per_sv", k.per_sv),
                       fmt::arg("per_en", k.per_en));
}

std::string observations_csv(const Kind& k, int year) {
    return fmt::format(
        "# Illustrative values written by griexport init: replace them with your own.\n"
        "indicator,year,value,unit,status,source\n"
        "energianvändning,{base},41250,MWh,final,Energiuppföljning\n"
        "energianvändning,{year},39850,MWh,preliminary,Energiuppföljning\n"
        "{per},{base},{per_base},{per_unit},final,Statistik\n"
        "{per},{year},{per_year},{per_unit},final,Statistik\n",
        fmt::arg("base", year - 2), fmt::arg("year", year), fmt::arg("per", k.per_id),
        fmt::arg("per_base", k.per_base), fmt::arg("per_year", k.per_year),
        fmt::arg("per_unit", k.per_unit));
}

std::string climate_csv(int year) {
    return fmt::format(
        "# Illustrative climate accounts written by griexport init.\n"
        "post,year,measure,compared_with,value,unit,model,source\n"
        "transporter,{base},emissions,,3120,t CO2e,klimatbokslut-1,Klimatbokslut {base}\n"
        "lokaler,{base},emissions,,2480,t CO2e,klimatbokslut-1,Klimatbokslut {base}\n"
        "totalt,{base},emissions,,5600,t CO2e,klimatbokslut-1,Klimatbokslut {base}\n"
        "transporter,{year},emissions,,2710,t CO2e,klimatbokslut-1,Klimatbokslut {year}\n"
        "lokaler,{year},emissions,,1890,t CO2e,klimatbokslut-1,Klimatbokslut {year}\n"
        "totalt,{year},emissions,,4600,t CO2e,klimatbokslut-1,Klimatbokslut {year}\n",
        fmt::arg("base", year - 2), fmt::arg("year", year));
}

std::string narratives_xml(const std::string& name) {
    return fmt::format(R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- The organisation's own texts. covers="…" says which requirements a text reports; a
     text without it covers none (docs/rules.md, Coverage per requirement). -->
<narratives>
  <narrative disclosure="2-2" covers="a">
    <sv>Redovisningen omfattar {name} med dess förvaltningar.</sv>
    <en>The report covers {name} and its departments.</en>
  </narrative>
  <narrative disclosure="3-1" covers="a">
    <sv>De väsentliga frågorna har valts utifrån programmets mål.</sv>
    <en>The material topics were chosen from the programme's goals.</en>
  </narrative>
</narratives>
)",
                       fmt::arg("name", name));
}

}  // namespace

Diagnostics init_organisation(const std::filesystem::path& dir, const InitOptions& options) {
    Diagnostics diags;
    const Kind* kind = nullptr;
    for (const auto& k : kinds)
        if (options.type == k.id) kind = &k;
    Location where{dir.string(), 0, 0};
    if (!kind) {
        diags.error(
            "init.type",
            fmt::format("--type is region, municipality or company, not '{}'", options.type),
            where);
        return diags;
    }
    if (options.year < 1902 || options.year > 2200) {
        diags.error("init.year", fmt::format("--year {} is not a reporting year", options.year),
                    where);
        return diags;
    }
    std::error_code ec;
    if (std::filesystem::exists(dir, ec) && !std::filesystem::is_empty(dir, ec)) {
        diags.error("init.not-empty",
                    fmt::format("{} is not empty: init writes a new organisation folder only",
                                dir.string()),
                    where);
        return diags;
    }
    std::string name = options.name.empty() ? kind->name_sv : options.name;
    OutputSet out(dir, OutputSet::Mode::add);
    out.add("organisation.xml", "organisation",
            organisation_xml(*kind, name, options.name.empty() ? kind->name_en : options.name,
                             options.year),
            diags);
    out.add("programme.xml", "programme", programme_xml(*kind, options.year), diags);
    out.add("observations.csv", "observations", observations_csv(*kind, options.year), diags);
    out.add("climate-accounts.csv", "climate-accounts", climate_csv(options.year), diags);
    out.add("narratives.xml", "narratives", narratives_xml(name), diags);
    out.commit(diags);
    return diags;
}

}  // namespace griexport
