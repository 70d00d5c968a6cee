// Drives `rehab serve` in Chromium as a therapist and a patient would
// (tests/serve_browser_test.cc starts the server and passes its login URL):
//   node run.js LOGIN_URL OUT_DIR CHROMIUM
// The therapist logs in, creates a patient, fixes the error shown beside the
// time zone, opens the plan, downloads the calendar and makes a patient's link
// for s-tkr. The patient opens the link on a phone-sized screen, logs pain 7
// and sees the dose made easier with its reason; then logs again by keyboard
// alone, and the page is checked at 200 % zoom. axe-core checks every page.
// Screenshots go to OUT_DIR. Exits 1 on the first failed check, saying which.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const {execFileSync} = require('child_process');
const puppeteer = require('puppeteer-core');

const [loginUrl, outDir, chromium] = process.argv.slice(2);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const base = loginUrl.slice(0, loginUrl.indexOf('/?token='));

function check(condition, what) {
  if (!condition) throw new Error('failed: ' + what);
  console.log('ok: ' + what);
}

// Serious and critical axe findings on the current page, as text.
async function axeProblems(page) {
  await page.addScriptTag({content: axeSource});
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, {resultTypes: ['violations']});
    return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')');
  });
  return result;
}

async function checkAxe(page, name) {
  const problems = await axeProblems(page);
  check(problems.length === 0, `axe finds no serious or critical issue on ${name}` +
        (problems.length ? ':\n  ' + problems.join('\n  ') : ''));
}

async function shot(page, name) {
  await page.screenshot({path: path.join(outDir, name + '.png'), fullPage: true});
}

function download(url, cookie) {
  return new Promise((resolve, reject) => {
    http.get(url, {headers: {cookie}}, res => {
      let body = '';
      res.on('data', d => body += d);
      res.on('end', () => resolve({status: res.statusCode, type: res.headers['content-type'], body}));
    }).on('error', reject);
  });
}

// Submits the form as its button would, and waits for the page it leads to.
async function submit(page, formSelector) {
  const invalid = await page.$eval(formSelector, f =>
      [...f.elements].filter(e => e.willValidate && !e.checkValidity()).map(e => e.name));
  check(invalid.length === 0, `the form ${formSelector} has no invalid field (${invalid})`);
  const [response] = await Promise.all([page.waitForNavigation({waitUntil: 'load'}),
                                        page.$eval(formSelector, f => f.requestSubmit())]);
  console.log(`  submitted ${formSelector}: ${response ? response.status() : 'no response'} ` +
              `${page.url().replace(/\/p\/[0-9a-f]+/, '/p/SECRET')}`);
}

async function setValue(page, selector, value) {
  await page.$eval(selector, (el, v) => { el.value = v; }, value);
}

async function main() {
  fs.mkdirSync(outDir, {recursive: true});
  const browser = await puppeteer.launch({
    executablePath: chromium, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    // ---- The therapist, on a desktop screen.
    const page = await browser.newPage();
    await page.setBypassCSP(true);  // lets the test inject axe-core; the pages have no script
    await page.setViewport({width: 1280, height: 900});
    await page.goto(loginUrl);
    check(page.url() === base + '/caseload', 'the login link opens the caseload');
    const rows = await page.$$eval('tbody tr a', as => as.map(a => a.textContent));
    check(rows[0] === 's-calf', 'the red flag is first in the caseload');
    await shot(page, 'therapist-1-caseload');
    await checkAxe(page, 'the caseload');

    await Promise.all([page.waitForNavigation(), page.click('a[href="/patients/new"]')]);
    await page.type('#f-id', 'b-1');
    await page.select('#f-program', 'total-knee-replacement');
    await page.select('#f-side', 'left');
    await setValue(page, '#f-surgery\\.date', '2026-11-20');
    await page.type('#f-surgery\\.procedure', 'total-knee-replacement');
    await setValue(page, '#f-sessions\\.times', '9:00, 17:00');
    await setValue(page, '#f-timezone', 'America/Chicgo');
    await page.select('#f-units', 'lb');
    await submit(page, 'form.patient-form');
    const tzError = await page.$eval('#err-f-timezone', e => e.textContent).catch(() => '');
    if (!tzError) console.error(await page.$eval('main', e => e.innerText));
    check(tzError.includes('America/Chicgo'), 'the misspelt time zone is named beside its field');
    await shot(page, 'therapist-2-form-error');
    await checkAxe(page, 'the patient form with an error');

    await setValue(page, '#f-timezone', 'America/Chicago');
    await submit(page, 'form.patient-form');
    if (page.url() !== base + '/patients/b-1') console.error(await page.$eval('main', e => e.innerText));
    check(page.url() === base + '/patients/b-1',
          `the fixed form saves and opens the plan (at ${page.url()})`);
    await shot(page, 'therapist-3-plan');
    await checkAxe(page, 'the plan page');

    const cookies = await page.cookies();
    const session = cookies.find(c => c.name === 'rehab_session');
    check(session && session.httpOnly && session.sameSite === 'Strict',
          'the session cookie is HttpOnly and SameSite=Strict');
    const icsHref = await page.$eval('a[href$="plan.ics"]', a => a.href);
    const ics = await download(icsHref, 'rehab_session=' + session.value);
    check(ics.status === 200 && ics.type.startsWith('text/calendar') &&
          ics.body.startsWith('BEGIN:VCALENDAR'), 'the calendar downloads from the plan page');

    await page.goto(base + '/patients/s-tkr');
    await submit(page, 'form[action$="/link"]');
    const link = await page.$eval('#patient-link', e => e.textContent.trim());
    check(/\/p\/[0-9a-f]{32}$/.test(link), 'a patient link is made');

    // The handout prints the link as a QR code: a phone's reader (zbarimg here) gets the link.
    await page.goto(base + '/patients/s-tkr/plan.html');
    const qr = await page.$('#phone-link .qr svg');
    check(qr !== null, 'the handout has the QR code of the link');
    const qrPng = path.join(outDir, 'handout-qr.png');
    await qr.screenshot({path: qrPng});
    const decoded = execFileSync('zbarimg', ['--raw', '-q', qrPng], {encoding: 'utf8'}).trim();
    check(decoded === link, `zbarimg reads the link from the QR code (${decoded})`);
    await shot(page, 'therapist-4-handout');

    // Per-exercise changes: start the straight-leg raise on step 2, leave the mini squat out.
    await page.goto(base + '/patients/b-1/edit');
    await checkAxe(page, 'the edit form with the exercises table');
    await page.select('select[name="override.straight-leg-raise.step"]', '2');
    await page.click('input[name="override.mini-squat.skip"]');
    await page.type('input[name="override.mini-squat.note"]', 'Sore kneecap');
    await shot(page, 'therapist-5-edit-overrides');
    await submit(page, 'form.patient-form');
    check(page.url() === base + '/patients/b-1', `the edited patient saves (at ${page.url()})`);
    await page.goto(base + '/patients/b-1/edit');
    check(await page.$eval('select[name="override.straight-leg-raise.step"]', e => e.value) === '2' &&
          await page.$eval('input[name="override.mini-squat.skip"]', e => e.checked),
          'the edit form shows the saved per-exercise changes');

    await page.goto(base + '/programs/total-knee-replacement');
    await checkAxe(page, 'a program page');

    // ---- The patient, on a phone, with no cookie of the therapist's.
    const phoneContext = await browser.createBrowserContext();
    const phone = await phoneContext.newPage();
    await phone.setBypassCSP(true);
    await phone.setViewport({width: 390, height: 844, isMobile: true, hasTouch: true,
                             deviceScaleFactor: 2});
    await phone.goto(link);
    await shot(phone, 'patient-1-today');
    await checkAxe(phone, "the patient's page");
    const caseload = await phone.goto(base + '/caseload');
    check(caseload.status() === 401, "the patient's browser cannot open the caseload");
    await phone.goto(link);
    await phone.click('input[name=during][value="7"] + span');
    await phone.click('input[name=after][value="7"] + span');
    await submit(phone, 'form[action$="/log"]');
    check(await phone.$('#saved') !== null, 'the patient sees the entry saved');
    const changes = await phone.$eval('#changes', e => e.textContent).catch(() => '');
    check(changes.includes('made easier') && changes.includes('Pain was 7/10'),
          'the patient sees the dose made easier and why');
    await shot(phone, 'patient-2-after-pain-7');
    await checkAxe(phone, "the patient's page after a save");

    // By keyboard alone: Tab to the first pain question, arrows to 3, Tab to Save, Enter.
    await phone.goto(link);
    let found = false;
    for (let i = 0; i < 400 && !found; ++i) {
      await phone.keyboard.press('Tab');
      found = await phone.evaluate(() => document.activeElement.name === 'during');
    }
    check(found, 'the pain buttons are reached with the Tab key');
    await phone.keyboard.press('Space');
    for (let i = 0; i < 3; ++i) await phone.keyboard.press('ArrowRight');
    const chosen = await phone.$eval('input[name=during]:checked', e => e.value);
    check(chosen === '3', 'the arrow keys choose the pain number');
    let onSave = false;
    for (let i = 0; i < 400 && !onSave; ++i) {
      await phone.keyboard.press('Tab');
      onSave = await phone.evaluate(() => document.activeElement.type === 'submit');
    }
    check(onSave, 'the Save button is reached with the Tab key');
    await Promise.all([phone.waitForNavigation(), phone.keyboard.press('Enter')]);
    check(await phone.$('#saved') !== null, 'an entry made by keyboard alone is saved');

    // 200 % zoom on the phone: half the CSS width; nothing may need sideways scrolling.
    await phone.setViewport({width: 195, height: 422, isMobile: true, deviceScaleFactor: 4});
    await phone.goto(link);
    const overflow = await phone.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(overflow <= 1, `the patient's page needs no sideways scrolling at 200 % zoom (${overflow} px)`);
    await shot(phone, 'patient-3-zoom-200');
    await phoneContext.close();
  } finally {
    await browser.close();
  }
}

main().catch(e => { console.error(e.message || e); process.exit(1); });
