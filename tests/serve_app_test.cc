// The routes of `rehab serve`, in-process (server/app.h): authentication,
// CSRF, the patient links' scope, paths, headers, escaping, and the diary
// saved through the code path of `rehab log`.
#include "server/app.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "support/scenario_support.h"
#include "support/test_util.h"

namespace rehab::serve {
namespace {

namespace fs = std::filesystem;
using testing::Contains;
using testing::ReadFile;
using testing::WriteFile;

class ServeAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(testing::DataPath("serve/caseload"), dir_.path() / "caseload",
             fs::copy_options::recursive);
    AppOptions o;
    o.caseload_dir = dir_.path() / "caseload";
    o.base_url = "http://127.0.0.1:8470";
    o.today = [] { return testing::D("2026-12-02"); };
    app_ = std::make_unique<App>(o);
  }

  Response Get(const std::string& target, const std::string& cookie = "") {
    Request r;
    r.method = "GET";
    r.target = target;
    if (!cookie.empty()) r.headers["cookie"] = cookie;
    return app_->Handle(r);
  }

  Response Post(const std::string& target, const std::string& body,
                const std::string& cookie = "") {
    Request r;
    r.method = "POST";
    r.target = target;
    r.body = body;
    r.headers["content-type"] = "application/x-www-form-urlencoded";
    if (!cookie.empty()) r.headers["cookie"] = cookie;
    return app_->Handle(r);
  }

  // Logs in with the printed token; returns the cookie header to send.
  std::string LogIn() {
    std::string url = app_->LoginUrl();
    Response r = Get(url.substr(url.find("/?token=")));
    EXPECT_EQ(r.status, 303);
    std::string set = r.Header("Set-Cookie");
    return set.substr(0, set.find(';'));
  }

  // The session's anti-forgery token, as the caseload page's logout form has it.
  std::string CsrfOf(const std::string& cookie) {
    std::smatch m;
    std::string page = Get("/caseload", cookie).body;
    EXPECT_TRUE(std::regex_search(page, m, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\"")));
    return m.size() > 1 ? m[1].str() : "";
  }

  // Makes the patient's link; returns its secret.
  std::string LinkOf(const std::string& id, const std::string& cookie) {
    EXPECT_EQ(Post("/patients/" + id + "/link", "csrf=" + CsrfOf(cookie), cookie).status, 303);
    return *app_->links().SecretOf(id);
  }

  fs::path Caseload() const { return dir_.path() / "caseload"; }

  testing::ScopedTempDir dir_;
  std::unique_ptr<App> app_;
};

TEST_F(ServeAppTest, TheLoginTokenSetsAnHttpOnlySameSiteStrictSessionCookie) {
  std::string url = app_->LoginUrl();
  Response r = Get(url.substr(url.find("/?token=")));
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("Location"), "/caseload");
  EXPECT_TRUE(Contains(r.Header("Set-Cookie"), "HttpOnly"));
  EXPECT_TRUE(Contains(r.Header("Set-Cookie"), "SameSite=Strict"));
}

TEST_F(ServeAppTest, TheLoginTokenWorksOnlyOnce) {
  std::string url = app_->LoginUrl();
  std::string target = url.substr(url.find("/?token="));
  ASSERT_EQ(Get(target).status, 303);
  EXPECT_EQ(Get(target).status, 403);
}

TEST_F(ServeAppTest, AWrongLoginTokenGetsNoSession) {
  Response r = Get("/?token=00000000000000000000000000000000");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.Header("Set-Cookie"), "");
}

TEST_F(ServeAppTest, TherapistPagesNeedASession) {
  for (const char* page : {"/caseload", "/patients/s-tkr", "/patients/s-tkr/plan.ics",
                           "/programs", "/patients/s-tkr/explain?date=2026-12-02"}) {
    EXPECT_EQ(Get(page).status, 401) << page;
    EXPECT_EQ(Get(page, "rehab_session=0123456789abcdef0123456789abcdef").status, 401) << page;
  }
}

TEST_F(ServeAppTest, TheCaseloadListsTheRedFlagFirst) {
  std::string page = Get("/caseload", LogIn()).body;
  size_t calf = page.find("/patients/s-calf");
  size_t tkr = page.find("/patients/s-tkr");
  ASSERT_NE(calf, std::string::npos);
  ASSERT_NE(tkr, std::string::npos);
  EXPECT_LT(calf, tkr);
  EXPECT_TRUE(Contains(page, "Red flags: same day"));
}

TEST_F(ServeAppTest, APostWithoutTheSessionsCsrfTokenIsRefused) {
  std::string cookie = LogIn();
  EXPECT_EQ(Post("/patients/s-tkr/link", "", cookie).status, 403);
  EXPECT_EQ(Post("/patients/s-tkr/link", "csrf=0123", cookie).status, 403);
  EXPECT_FALSE(app_->links().SecretOf("s-tkr").has_value());
}

TEST_F(ServeAppTest, LoggingOutEndsTheSession) {
  std::string cookie = LogIn();
  std::string csrf = CsrfOf(cookie);
  Response r = Post("/logout", "csrf=" + csrf, cookie);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Contains(r.Header("Set-Cookie"), "Max-Age=0"));
  EXPECT_EQ(Get("/caseload", cookie).status, 401);
}

TEST_F(ServeAppTest, APatientLinkOpensThatPatientsDayAndNothingElse) {
  std::string cookie = LogIn();
  std::string secret = LinkOf("s-tkr", cookie);
  EXPECT_EQ(secret.size(), 32u);  // 128 bits
  Response day = Get("/p/" + secret + "/");
  EXPECT_EQ(day.status, 200);
  EXPECT_TRUE(Contains(day.body, "Today, Wednesday 2 December 2026"));
  EXPECT_TRUE(Contains(day.body, "Heel slide"));
  // The link is no session: therapist pages and other patients stay shut.
  for (const std::string& other :
       {std::string("/caseload"), std::string("/patients/s-calf"),
        "/p/" + secret + "/../../patients/s-calf", "/p/" + secret + "/%2e%2e/%2e%2e/caseload",
        "/p/" + secret + "%2F..%2Fs-calf"}) {
    Response r = Get(other);
    EXPECT_NE(r.status, 200) << other;
    EXPECT_FALSE(Contains(r.body, "s-calf")) << other;
  }
  EXPECT_EQ(Get("/p/" + std::string(32, '0') + "/").status, 404);
}

TEST_F(ServeAppTest, ASpanishSpeakingPatientsDayIsInSpanish) {
  const std::string file = (Caseload() / "s-tkr.yaml").string();
  testing::WriteFile(file, ReadFile(file) + "language: es\n");
  std::string cookie = LogIn();
  Response day = Get("/p/" + LinkOf("s-tkr", cookie) + "/");
  ASSERT_EQ(day.status, 200) << day.body;
  EXPECT_TRUE(Contains(day.body, "Hoy, miércoles")) << day.body;
  EXPECT_FALSE(Contains(day.body, "Today, Wednesday")) << day.body;
}

TEST_F(ServeAppTest, ThePatientFormOffersEveryLanguageThereIsACatalogueFor) {
  std::string cookie = LogIn();
  std::string form = Get("/patients/new", cookie).body;
  EXPECT_TRUE(Contains(form, "<option value=\"es\"")) << form;
  EXPECT_TRUE(Contains(form, "<option value=\"en\"")) << form;
}

TEST_F(ServeAppTest, ARevokedLinkStopsWorking) {
  std::string cookie = LogIn();
  std::string secret = LinkOf("s-tkr", cookie);
  ASSERT_EQ(Post("/patients/s-tkr/link/revoke", "csrf=" + CsrfOf(cookie), cookie).status, 303);
  EXPECT_EQ(Get("/p/" + secret + "/").status, 404);
}

TEST_F(ServeAppTest, TheLinksFileIsReadableByItsOwnerOnly) {
  LinkOf("s-tkr", LogIn());
  fs::perms p = fs::status(Caseload() / ".rehab-serve" / "links.json").permissions();
  EXPECT_EQ(p & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  fs::perms d = fs::status(Caseload() / ".rehab-serve").permissions();
  EXPECT_EQ(d & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
}

TEST_F(ServeAppTest, PainSevenLoggedOnThePhoneStepsTheDoseBackAndSaysWhy) {
  std::string secret = LinkOf("s-tkr", LogIn());
  std::string before = ReadFile((Caseload() / "s-tkr-diary.csv").string());
  Response r = Post("/p/" + secret + "/log",
                    "csrf=" + secret + "&date=2026-12-02&during=7&after=7&swelling=mild&note=sore");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.Header("Location"), "/p/" + secret + "?saved=1");
  std::string after = ReadFile((Caseload() / "s-tkr-diary.csv").string());
  EXPECT_EQ(after, before + "2026-12-02,7,7,,mild,,,sore\n");
  // The page after the save says what changes tomorrow, and why.
  std::string page = Get("/p/" + secret + "/?saved=1").body;
  size_t changes = page.find("id=\"changes\"");
  ASSERT_NE(changes, std::string::npos);
  std::string box = page.substr(changes, page.find("</section>", changes) - changes);
  EXPECT_TRUE(Contains(box, "From Thursday 3 December 2026: ")) << box;
  EXPECT_TRUE(Contains(box, "Heel slide")) << box;
  EXPECT_TRUE(Contains(box, "made easier")) << box;
  EXPECT_TRUE(Contains(box, "Pain was 7/10")) << box;
}

TEST_F(ServeAppTest, ASavedEntryShowsAtOnceOnThePage) {
  std::string secret = LinkOf("s-calf", LogIn());
  ASSERT_EQ(Post("/p/" + secret + "/log", "csrf=" + secret + "&during=2&flag=cleared").status,
            303);
  std::string page = Get("/p/" + secret + "/?saved=1").body;
  EXPECT_TRUE(Contains(page, "id=\"saved\""));
  // The calf-pain red flag is cleared: its words are in the form's list of
  // signs only, not in the alert box.
  size_t alert = page.find("<section class=\"alert\"");
  std::string box = alert == std::string::npos
                        ? ""
                        : page.substr(alert, page.find("</section>", alert) - alert);
  EXPECT_FALSE(Contains(box, "calf")) << box;
}

TEST_F(ServeAppTest, ARefusedEntryChangesNothingAndSaysWhy) {
  std::string secret = LinkOf("s-tkr", LogIn());
  std::string before = ReadFile((Caseload() / "s-tkr-diary.csv").string());
  Response r = Post("/p/" + secret + "/log", "csrf=" + secret + "&during=11");
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Contains(r.body, "id=\"problems\""));
  EXPECT_TRUE(Contains(r.body, "0 to 10"));
  EXPECT_EQ(ReadFile((Caseload() / "s-tkr-diary.csv").string()), before);
}

TEST_F(ServeAppTest, AnEntryWithNothingInItIsRefused) {
  std::string secret = LinkOf("s-tkr", LogIn());
  EXPECT_EQ(Post("/p/" + secret + "/log", "csrf=" + secret + "&note=").status, 422);
}

TEST_F(ServeAppTest, ThePatientFormNeedsItsToken) {
  std::string secret = LinkOf("s-tkr", LogIn());
  std::string before = ReadFile((Caseload() / "s-tkr-diary.csv").string());
  EXPECT_EQ(Post("/p/" + secret + "/log", "during=2").status, 403);
  EXPECT_EQ(ReadFile((Caseload() / "s-tkr-diary.csv").string()), before);
}

TEST_F(ServeAppTest, ANewPatientsFirstEntryCreatesTheDiary) {
  std::string secret = LinkOf("s-new", LogIn());
  ASSERT_FALSE(fs::exists(Caseload() / "s-new-diary.csv"));
  ASSERT_EQ(Post("/p/" + secret + "/log", "csrf=" + secret + "&during=1").status, 303);
  EXPECT_TRUE(Contains(ReadFile((Caseload() / "s-new-diary.csv").string()), "2026-12-02,1,"));
}

TEST_F(ServeAppTest, AFileChangedOnDiskIsPickedUpByTheNextRequest) {
  std::string cookie = LogIn();
  std::string path = (Caseload() / "s-tkr-diary.csv").string();
  ASSERT_FALSE(Contains(Get("/patients/s-tkr", cookie).body, "edited-by-hand"));
  WriteFile(path, ReadFile(path) + "2026-12-01,1,1,1,none,,,edited-by-hand\n");
  EXPECT_TRUE(Contains(Get("/patients/s-tkr", cookie).body, "edited-by-hand"));
}

TEST_F(ServeAppTest, ThePlanPageShowsThePainChartAndTheDiary) {
  std::string page = Get("/patients/s-tkr", LogIn()).body;
  EXPECT_TRUE(Contains(page, "id=\"pain-chart\""));
  EXPECT_TRUE(Contains(page, "<td>2026-11-30</td>"));
}

TEST_F(ServeAppTest, DiaryTextIsEscapedOnTheTherapistsPage) {
  std::string path = (Caseload() / "s-tkr-diary.csv").string();
  WriteFile(path, ReadFile(path) + "2026-12-01,1,1,1,none,,,\"<script>alert(1)</script>\"\n");
  std::string page = Get("/patients/s-tkr", LogIn()).body;
  EXPECT_FALSE(Contains(page, "<script>"));
  EXPECT_TRUE(Contains(page, "&lt;script&gt;"));
}

TEST_F(ServeAppTest, EveryResponseCarriesTheSecurityHeaders) {
  std::string cookie = LogIn();
  std::string secret = LinkOf("s-tkr", cookie);
  for (const std::string& page :
       {std::string("/caseload"), std::string("/nowhere"), "/p/" + secret + "/",
        "/p/" + secret + "/plan.ics", std::string("/patients/s-tkr/plan.json")}) {
    Response r = Get(page, cookie);
    EXPECT_TRUE(Contains(r.Header("Content-Security-Policy"), "default-src 'none'")) << page;
    EXPECT_FALSE(Contains(r.Header("Content-Security-Policy"), "script-src")) << page;
    EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff") << page;
    EXPECT_EQ(r.Header("Cache-Control"), "no-store") << page;
    EXPECT_EQ(r.Header("Referrer-Policy"), "no-referrer") << page;
  }
}

TEST_F(ServeAppTest, NoPageHasAScript) {
  std::string cookie = LogIn();
  std::string secret = LinkOf("s-tkr", cookie);
  for (const std::string& page : {std::string("/caseload"), std::string("/patients/s-tkr"),
                                  std::string("/programs"),
                                  std::string("/programs/total-knee-replacement"),
                                  "/p/" + secret + "/"}) {
    Response r = Get(page, cookie);
    EXPECT_EQ(r.status, 200) << page;
    EXPECT_FALSE(Contains(r.body, "<script")) << page;
  }
}

TEST_F(ServeAppTest, DownloadsHaveTheirMediaTypesAndAFileName) {
  std::string cookie = LogIn();
  Response ics = Get("/patients/s-tkr/plan.ics", cookie);
  EXPECT_EQ(ics.status, 200);
  EXPECT_TRUE(ics.Header("Content-Type").starts_with("text/calendar"));
  EXPECT_EQ(ics.Header("Content-Disposition"), "attachment; filename=\"s-tkr.ics\"");
  EXPECT_TRUE(ics.body.starts_with("BEGIN:VCALENDAR"));
  EXPECT_TRUE(Get("/patients/s-tkr/plan.json", cookie).Header("Content-Type").starts_with(
      "application/json"));
  EXPECT_EQ(Get("/patients/s-tkr/plan.exe", cookie).status, 404);
}

TEST_F(ServeAppTest, TheCalendarSubscriptionAsksToBeRefreshed) {
  std::string secret = LinkOf("s-tkr", LogIn());
  Response r = Get("/p/" + secret + "/plan.ics");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Contains(r.body, "REFRESH-INTERVAL;VALUE=DURATION:PT60M\r\n"));
  EXPECT_TRUE(Contains(Get("/p/" + secret + "/").body, "webcal://127.0.0.1:8470/p/" + secret));
}

TEST_F(ServeAppTest, TheHandoutPrintsThePatientsLinkWithAQrCode) {
  std::string cookie = LogIn();
  EXPECT_FALSE(Contains(Get("/patients/s-tkr/plan.html", cookie).body, "id=\"phone-link\""));
  std::string secret = LinkOf("s-tkr", cookie);
  std::string handout = Get("/patients/s-tkr/plan.html", cookie).body;
  EXPECT_TRUE(Contains(handout, "id=\"phone-link\""));
  EXPECT_TRUE(Contains(handout, "http://127.0.0.1:8470/p/" + secret));
  EXPECT_TRUE(Contains(handout, "aria-label=\"QR code of your page"));
  EXPECT_TRUE(Contains(Get("/p/" + secret + "/handout.html").body, "/p/" + secret));
}

TEST_F(ServeAppTest, ExplainDefaultsToToday) {
  Response r = Get("/patients/s-tkr/explain", LogIn());
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Contains(r.body, "2026-12-02")) << r.body.substr(0, 400);
}

TEST_F(ServeAppTest, PathsWithEncodedSeparatorsOrControlCharactersAreRefused) {
  std::string cookie = LogIn();
  for (const char* page : {"/patients/..%2Fcaseload%2Fs-tkr", "/patients/s-tkr%00",
                           "/patients/%2e%2e", "/patients/s%5Ctkr", "/patients/%zz"}) {
    EXPECT_EQ(Get(page, cookie).status, 400) << page;
  }
}

TEST_F(ServeAppTest, APatientFileLinkedFromOutsideTheCaseloadIsNotRead) {
  testing::ScopedTempDir outside;
  WriteFile(outside.File("x.yaml"), ReadFile((Caseload() / "s-tkr.yaml").string()) + "\n");
  std::string text = ReadFile(outside.File("x.yaml"));
  WriteFile(outside.File("x.yaml"), std::regex_replace(text, std::regex("id: s-tkr"), "id: s-out"));
  fs::create_symlink(outside.File("x.yaml"), Caseload() / "s-out.yaml");
  std::string cookie = LogIn();
  EXPECT_FALSE(Contains(Get("/caseload", cookie).body, "s-out"));
  EXPECT_EQ(Get("/patients/s-out", cookie).status, 404);
}

TEST_F(ServeAppTest, ADiaryOutsideTheCaseloadIsNeitherReadNorWritten) {
  std::string path = (Caseload() / "s-tkr.yaml").string();
  WriteFile(path, std::regex_replace(ReadFile(path), std::regex("diary: s-tkr-diary.csv"),
                                     "diary: ../elsewhere.csv"));
  std::string cookie = LogIn();
  std::string secret = LinkOf("s-tkr", cookie);
  EXPECT_TRUE(Contains(Get("/patients/s-tkr", cookie).body, "outside the caseload folder"));
  EXPECT_NE(Post("/p/" + secret + "/log", "csrf=" + secret + "&during=1").status, 303);
  EXPECT_FALSE(fs::exists(dir_.path() / "elsewhere.csv"));
}

std::string NewPatientBody(const std::string& csrf, const std::string& timezone) {
  return "csrf=" + csrf +
         "&id=n-1&program=total-knee-replacement&side=left&surgery.date=2026-11-20"
         "&surgery.procedure=total-knee-replacement&sessions.days=mon&sessions.days=thu"
         "&sessions.times=9%3A00%2C+17%3A00&timezone=" +
         timezone + "&units=lb&language=en";
}

TEST_F(ServeAppTest, ANewPatientsMistakeIsShownBesideItsFieldAndNothingIsWritten) {
  std::string cookie = LogIn();
  Response r = Post("/patients/new", NewPatientBody(CsrfOf(cookie), "America%2FChicgo"), cookie);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Contains(r.body, "id=\"err-f-timezone\">unknown time zone")) << r.body;
  EXPECT_FALSE(fs::exists(Caseload() / "n-1.yaml"));
}

TEST_F(ServeAppTest, ANewPatientInALanguageWithoutACatalogueIsRefusedBesideTheField) {
  std::string cookie = LogIn();
  std::string body = NewPatientBody(CsrfOf(cookie), "UTC");
  body.replace(body.find("&language=en"), 12, "&language=xx");
  Response r = Post("/patients/new", body, cookie);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Contains(r.body, "id=\"err-f-language\">there is no catalogue for the language"))
      << r.body;
  EXPECT_FALSE(fs::exists(Caseload() / "n-1.yaml"));
}

TEST_F(ServeAppTest, ANewPatientIsWrittenAndPlanned) {
  std::string cookie = LogIn();
  Response r = Post("/patients/new", NewPatientBody(CsrfOf(cookie), "America%2FChicago"), cookie);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.Header("Location"), "/patients/n-1");
  std::string text = ReadFile((Caseload() / "n-1.yaml").string());
  EXPECT_TRUE(Contains(text, "diary: n-1-diary.csv\n"));
  EXPECT_TRUE(Contains(text, "times: [\"09:00\", \"17:00\"]\n")) << text;
  EXPECT_TRUE(Contains(Get("/caseload", cookie).body, "/patients/n-1"));
  // A second patient with the same id is refused.
  EXPECT_EQ(Post("/patients/new", NewPatientBody(CsrfOf(cookie), "UTC"), cookie).status, 422);
}

TEST_F(ServeAppTest, APostOperativePatientWithoutASurgeryDateIsRefused) {
  std::string cookie = LogIn();
  std::string body = NewPatientBody(CsrfOf(cookie), "UTC");
  body.replace(body.find("&surgery.date=2026-11-20"), 24, "");
  Response r = Post("/patients/new", body, cookie);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Contains(r.body, "id=\"err-f-surgery.date\"")) << r.body;
  EXPECT_FALSE(Contains(r.body, "id=\"err-f-id\"")) << r.body;
}

TEST_F(ServeAppTest, EditingOneFieldKeepsTheRestOfTheFileByteForByte) {
  std::string cookie = LogIn();
  std::string path = (Caseload() / "s-tkr.yaml").string();
  std::string before = ReadFile(path);
  std::string page = Get("/patients/s-tkr/edit", cookie).body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page, m, std::regex("name=\"stamp\" value=\"([^\"]+)\"")));
  std::string body = "csrf=" + CsrfOf(cookie) + "&stamp=" + m[1].str() +
                     "&program=total-knee-replacement&side=left&surgery.date=2026-11-04"
                     "&surgery.procedure=total-knee-replacement&sessions.days=mon"
                     "&sessions.days=wed&sessions.days=fri&sessions.times=08%3A30%2C+17%3A00"
                     "&timezone=America%2FChicago&units=lb&language=en&diary=s-tkr-diary.csv";
  Response r = Post("/patients/s-tkr/edit", body, cookie);
  ASSERT_EQ(r.status, 303) << r.body;
  std::string expected = before;
  expected.replace(expected.find("\"09:00\""), 7, "\"08:30\"");
  EXPECT_EQ(ReadFile(path), expected);
  // The same form again: the file changed since, so the save is refused.
  EXPECT_EQ(Post("/patients/s-tkr/edit", body, cookie).status, 422);
}

// The edit form of s-tkr with its stamp, as a browser posts it unchanged.
std::string EditBody(const std::string& csrf, const std::string& page) {
  std::smatch m;
  EXPECT_TRUE(std::regex_search(page, m, std::regex("name=\"stamp\" value=\"([^\"]+)\"")));
  return "csrf=" + csrf + "&stamp=" + m[1].str() +
         "&program=total-knee-replacement&side=left&surgery.date=2026-11-04"
         "&surgery.procedure=total-knee-replacement&sessions.days=mon"
         "&sessions.days=wed&sessions.days=fri&sessions.times=09%3A00%2C+17%3A00"
         "&timezone=America%2FChicago&units=lb&language=en&diary=s-tkr-diary.csv&overrides=shown";
}

TEST_F(ServeAppTest, TheEditFormHasARowForEachExerciseOfTheProgramWithItsSteps) {
  std::string cookie = LogIn();
  std::string page = Get("/patients/s-tkr/edit", cookie).body;
  EXPECT_TRUE(Contains(page, "name=\"override.straight-leg-raise.step\"")) << page;
  EXPECT_TRUE(Contains(page, "name=\"override.bridge.skip\""));
  EXPECT_TRUE(Contains(page, ">step 1: 3 sets of 10"));
  EXPECT_TRUE(Contains(page, "name=\"overrides\" value=\"shown\""));
}

TEST_F(ServeAppTest, SettingAStartStepInTheFormWritesItsOverride) {
  std::string cookie = LogIn();
  std::string path = (Caseload() / "s-tkr.yaml").string();
  std::string before = ReadFile(path);
  std::string body = EditBody(CsrfOf(cookie), Get("/patients/s-tkr/edit", cookie).body) +
                     "&override.straight-leg-raise.step=2&override.mini-squat.skip=yes"
                     "&override.mini-squat.note=Sore+kneecap";
  Response r = Post("/patients/s-tkr/edit", body, cookie);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(ReadFile(path), before +
                                "overrides:\n  - exercise: mini-squat\n    skip: true\n"
                                "    note: Sore kneecap\n  - exercise: straight-leg-raise\n"
                                "    start_step: 2\n");
  std::string page = Get("/patients/s-tkr/edit", cookie).body;
  EXPECT_TRUE(Contains(page, "<option value=\"2\" selected>step 2")) << page;
}

TEST_F(ServeAppTest, AnUnchangedFormLeavesTheFileByteForByte) {
  std::string cookie = LogIn();
  std::string path = (Caseload() / "s-tkr.yaml").string();
  std::string before = ReadFile(path);
  Response r = Post("/patients/s-tkr/edit",
                    EditBody(CsrfOf(cookie), Get("/patients/s-tkr/edit", cookie).body), cookie);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(ReadFile(path), before);
}

TEST_F(ServeAppTest, AStartStepBeyondTheLadderIsShownBesideItsRow) {
  std::string cookie = LogIn();
  std::string path = (Caseload() / "s-tkr.yaml").string();
  std::string before = ReadFile(path);
  std::string body = EditBody(CsrfOf(cookie), Get("/patients/s-tkr/edit", cookie).body) +
                     "&override.bridge.step=9";
  Response r = Post("/patients/s-tkr/edit", body, cookie);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(std::regex_search(
      r.body, std::regex("<p class=\"field-error\" id=\"err-ov-[0-9]+\">&#39;start_step&#39; 9 "
                         "is beyond the 3 steps of &#39;bridge&#39;")))
      << r.body;
  EXPECT_EQ(ReadFile(path), before);
}

TEST(ServeFormTest, AFormBodyDecodesPlusAndPercentEscapes) {
  auto form = ParseForm("note=a+b%2Fc&flag=fever&flag=calf-pain");
  ASSERT_TRUE(form.has_value());
  ASSERT_EQ(form->size(), 3u);
  EXPECT_EQ((*form)[0].second, "a b/c");
  EXPECT_EQ((*form)[2].second, "calf-pain");
  EXPECT_FALSE(ParseForm("note=%4").has_value());
  EXPECT_FALSE(ParseForm("note=%g0").has_value());
}

}  // namespace
}  // namespace rehab::serve
