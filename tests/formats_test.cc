// The output format registries: the library's (planner/present/formats.h)
// and the verbs' (cli/formats.h, which adds pdf), and the render options'
// one check.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/common.h"
#include "cli/formats.h"
#include "planner/engine/engine.h"
#include "planner/present/formats.h"
#include "planner/present/render_csv.h"
#include "planner/present/render_fhir.h"
#include "planner/present/render_html.h"
#include "planner/present/render_ics.h"
#include "planner/present/render_json.h"
#include "planner/present/render_text.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

using testing::RunCli;

const Plan& SomePlan() {
  static const Plan plan = [] {
    std::ostringstream err;
    int status = 0;
    auto program = cli::LoadProgramArg("medial-knee-pain", err, &status);
    EXPECT_TRUE(program.has_value()) << err.str();
    Patient patient;
    patient.start = *ParseDate("2026-12-01");
    return Generate(program.value_or(Program{}), patient, Diary{},
                    date::year_month_day(*ParseDate("2026-12-03")));
  }();
  return plan;
}

using testing::Contains;

TEST(FormatsTest, TheLibraryListsEachFormatOnceWithItsMediaTypeAndExtension) {
  std::map<std::string, std::pair<std::string, std::string>> listed;
  for (const OutputFormat& format : OutputFormats()) {
    EXPECT_TRUE(listed.emplace(format.name, std::pair(format.media_type, format.extension)).second)
        << format.name << " is listed twice";
  }
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"text", {"text/plain; charset=utf-8", "txt"}}, {"json", {"application/json", "json"}},
      {"ics", {"text/calendar", "ics"}},               {"csv", {"text/csv", "csv"}},
      {"html", {"text/html", "html"}},
      {"fhir", {"application/fhir+json", "fhir.json"}}};
  EXPECT_EQ(listed, expected);
}

TEST(FormatsTest, FindOutputFormatFindsEachListedFormatAndNothingElse) {
  for (const OutputFormat& format : OutputFormats()) {
    EXPECT_EQ(FindOutputFormat(format.name), &format) << format.name;
  }
  EXPECT_EQ(FindOutputFormat("pdf"), nullptr);  // the CLI's, not the library's
  EXPECT_EQ(FindOutputFormat("ICS"), nullptr);
  EXPECT_EQ(FindOutputFormat(""), nullptr);
}

TEST(FormatsTest, EachLibraryFormatRendersWhatItsRendererRenders) {
  const Plan& plan = SomePlan();
  RenderOptions options;
  options.remind_minutes = 25;
  options.one_event_per_session = true;
  options.paper = Paper::kLetter;
  IcsOptions ics;
  ics.remind_minutes = 25;
  ics.repeat = false;
  HtmlOptions html;
  html.paper = Paper::kLetter;
  const std::map<std::string, std::string> expected = {
      {"text", RenderText(plan)}, {"json", RenderJson(plan)}, {"ics", RenderIcs(plan, ics)},
      {"csv", RenderCsv(plan)},   {"html", RenderHtml(plan, html)},
      {"fhir", RenderFhir(plan)}};
  for (const OutputFormat& format : OutputFormats()) {
    std::string out = "left over from an earlier plan";
    format.render(plan, options, &out);
    EXPECT_EQ(out, expected.at(std::string(format.name))) << format.name;
  }
}

TEST(FormatsTest, TheFhirFormatReadsTheTransactionOption) {
  RenderOptions options;
  options.fhir_transaction = true;
  std::string out;
  FindOutputFormat("fhir")->render(SomePlan(), options, &out);
  EXPECT_EQ(out, RenderFhir(SomePlan(), FhirOptions{.transaction = true}));
  EXPECT_NE(out, RenderFhir(SomePlan()));
}

TEST(FormatsTest, OnlyTheCalendarReadsThePreviousFile) {
  for (const OutputFormat& format : OutputFormats()) {
    EXPECT_EQ(format.reads_previous, format.name == "ics") << format.name;
  }
}

TEST(FormatsTest, TheRemindRangeIsCheckedInOnePlace) {
  static const struct {
    int minutes;
    const char* error;
  } kCases[] = {{0, ""},
                {10080, ""},
                {-1, "remind must be from 0 to 10080 minutes, got -1"},
                {10081, "remind must be from 0 to 10080 minutes, got 10081"}};
  for (const auto& c : kCases) {
    RenderOptions options;
    options.remind_minutes = c.minutes;
    EXPECT_EQ(CheckRenderOptions(options), c.error) << c.minutes;
  }
}

TEST(FormatsTest, ParsePaperKnowsThreeSizes) {
  std::string error;
  EXPECT_EQ(ParsePaper("a4", &error), Paper::kA4);
  EXPECT_EQ(ParsePaper("letter", &error), Paper::kLetter);
  EXPECT_EQ(ParsePaper("auto", &error), Paper::kAuto);
  EXPECT_EQ(error, "");
  EXPECT_EQ(ParsePaper("A4", &error), std::nullopt);
  EXPECT_EQ(error, "paper must be a4, letter or auto, got \"A4\"");
}

TEST(FormatsTest, TheVerbsListTheLibraryFormatsInOrderThenPdfEachOnce) {
  std::vector<std::string> names;
  for (const cli::Format& format : cli::Formats()) names.emplace_back(format.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"text", "json", "ics", "csv", "html", "fhir", "pdf"}));
  for (const OutputFormat& library : OutputFormats()) {
    const cli::Format* format = cli::FindFormat(library.name);
    ASSERT_NE(format, nullptr) << library.name;
    EXPECT_EQ(format->library, &library);
    EXPECT_EQ(format->media_type, library.media_type);
    EXPECT_EQ(format->extension, library.extension);
  }
  const cli::Format* pdf = cli::FindFormat("pdf");
  ASSERT_NE(pdf, nullptr);
  EXPECT_EQ(pdf->library, nullptr);
  EXPECT_EQ(pdf->media_type, "application/pdf");
  EXPECT_EQ(pdf->extension, "pdf");
  EXPECT_TRUE(pdf->needs_output_file);
}

TEST(FormatsTest, EachVerbOffersItsDefaultFirst) {
  EXPECT_EQ(cli::FormatNames(cli::FormatUse::kPlan),
            (std::vector<std::string>{"text", "json", "ics", "csv", "html", "fhir", "pdf"}));
  EXPECT_EQ(cli::FormatNames(cli::FormatUse::kBatch),
            (std::vector<std::string>{"ics", "json", "html", "fhir", "pdf"}));
}

TEST(FormatsTest, AnUnknownFormatsErrorListsEveryFormatOfTheRegistry) {
  testing::RunResult r = RunCli({"plan", "medial-knee-pain", "--format", "docx"});
  EXPECT_EQ(r.exit_code, 2);
  std::string listed;
  for (const cli::Format& format : cli::Formats()) {
    listed += (listed.empty() ? "" : ", ") + std::string(format.name);
  }
  EXPECT_EQ(r.err, "rehab: --format must be one of " + listed + "; got \"docx\"\n");
}

TEST(FormatsTest, BatchsUnknownFormatErrorListsTheFormatsItOffers) {
  testing::RunResult r = RunCli({"batch", "dir", "-o", "out", "--format", "text"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "rehab: --format must be one of ics, json, html, fhir, pdf; got \"text\"\n");
}

TEST(FormatsTest, PlanHelpListsTheRegistrysFormats) {
  testing::RunResult r = RunCli({"plan", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(Contains(r.out, "[--format text|json|ics|csv|html|fhir|pdf]")) << r.out;
  EXPECT_TRUE(Contains(r.out, "text, json, ics, csv, html, fhir or pdf")) << r.out;
}

}  // namespace
}  // namespace rehab
