// The web application end to end in headless Chromium, as its users meet it: a service manager
// completes and submits a return, the performance officer approves it, and the dashboard and
// report change. Every page type on the way is checked with axe-core (WCAG 2.2 A and AA) with
// no violations allowed, and the forbidden pages are tried as each role.
// Usage: node journey.mjs http://127.0.0.1:PORT   (a server started by `scrutiny demo`)
// After every click the page is read only once it has loaded: on a busy machine, reading it
// straight after a form was sent raced the navigation and failed a check that had passed.
import { chromium } from 'playwright-core';
import { readFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const base = process.argv[2];
const PASSWORD = 'demo-password';
if (!base) { console.error('usage: node journey.mjs BASE_URL'); process.exit(2); }

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
let violations = 0, checked = 0, failures = 0;
function fail(message) { failures++; console.log(`FAIL: ${message}`); }
function expect(ok, message) { if (!ok) fail(message); }

async function axe(page, label) {
  // Evaluated through the debugger, not added as a <script>: the site's Content-Security-Policy
  // refuses inline script, and stays in force for everything else the journey does.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }));
  checked++;
  for (const v of result.violations) {
    violations++;
    console.log(`${label}: ${v.id} (${v.impact}): ${v.help}`);
    for (const n of v.nodes.slice(0, 5)) console.log(`    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`);
  }
}

async function visit(page, path, label, status = 200) {
  const response = await page.goto(base + path);
  expect(response.status() === status, `${label}: ${path} answered ${response.status()}, expected ${status}`);
  await axe(page, label);
}

/// Adds a framework record through its form, choosing from lists where the form offers them.
async function addRecord(page, table, fields, label) {
  await visit(page, `/framework/${table}/new`, label);
  for (const [name, value] of Object.entries(fields)) {
    const id = `#col-${name}`;
    const tag = await page.$eval(id, e => e.tagName);
    if (tag === 'SELECT') await page.selectOption(id, value); else await page.fill(id, value);
  }
  await page.click(`form[action="/framework/${table}"] button[type=submit]`);
  await page.waitForLoadState('load');
  const after = await page.content();
  expect(!after.includes('There is a problem'), `${label}: the new record was refused`);
  await axe(page, `${label}: saved`);
}

async function signIn(username) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + '/login');
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForLoadState('load');
  expect(!page.url().includes('/login'), `${username} could not sign in`);
  return { context, page };
}

// The public: published reports, and the sign-in page with and without an error.
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await visit(page, '/published', 'public: published reports');
  expect((await page.content()).includes('Priority Based Report'), 'the published list shows no report');
  await visit(page, '/meetings', 'public: meetings');
  await visit(page, '/meetings/CYPF-2018-11-12', 'public: a meeting\'s agenda');
  expect(!(await page.content()).includes('Placement costs'), 'the public sees a Part II item\'s title');
  await visit(page, '/meetings/CYPF-2018-09-10', 'public: a meeting\'s minutes');
  await visit(page, '/meetings/CYPF-2019-01-28/questions', 'public: ask a question (closed)');
  await visit(page, '/meetings/programme', 'public: the work programme');
  await visit(page, '/meetings/alerts', 'public: email alerts');
  // With a relay (the test command starts a local SMTP server), ask for alerts: a mistake
  // first, then an address; the page says to check the email.
  if (!(await page.content()).includes('does not send email alerts')) {
    await page.selectOption('#board', 'CYPF');
    await page.fill('#email', 'not an address');
    await page.click('button:has-text("Send me alerts")');
    await page.waitForLoadState('load');
    expect((await page.content()).includes('There is a problem'), 'a bad alerts address shows no error');
    await axe(page, 'public: email alerts with errors');
    await page.fill('#email', 'resident@example.org');
    await page.click('button:has-text("Send me alerts")');
    await page.waitForLoadState('load');
    expect((await page.content()).includes('Check your email'), 'asking for alerts did not send a confirmation');
    await axe(page, 'public: email alerts asked for');
  }
  await visit(page, '/meetings/alerts/stop?token=unknown', 'public: stop alerts');
  await visit(page, '/meetings/alerts/confirm?token=unknown', 'public: confirm alerts');
  await visit(page, '/login', 'public: sign in');
  await page.fill('#username', 'manager');
  await page.fill('#password', 'wrong password');
  await page.click('button[type=submit]');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('There is a problem'), 'a wrong password shows no error summary');
  await axe(page, 'public: sign in with an error');
  const r = await page.goto(base + '/returns');
  expect(page.url().includes('/login'), `the public reached /returns (${r.status()})`);
  await visit(page, '/no-such-page', 'public: not found', 404);
  await context.close();
}

// The service manager completes and submits the Q2 return.
const figure = '777';
let indicator;
{
  const { context, page } = await signIn('manager');
  await axe(page, 'manager: dashboard');
  await page.goto(base + '/returns');
  expect(/\/returns\/CFS\/2012\/2$/.test(page.url()), `manager's Returns link went to ${page.url()}`);
  await axe(page, 'manager: return form');
  const first = page.locator('input[id^="value-"]').first();
  indicator = (await first.getAttribute('id')).replace('value-', '');
  // Progress is worked out as the figure is typed, before anything is saved.
  await first.fill(figure);
  await page.waitForFunction((id) => document.querySelector(`#computed-${id} [data-progress]`).textContent.includes('Green'),
    indicator, { timeout: 5000 }).catch(() => fail('progress did not follow the typed figure'));
  // A wrong figure is refused with an error summary, and nothing typed is lost.
  await page.fill(`#comment-${indicator}`, 'Commentary typed before a mistake');
  await first.fill('lots');
  await page.click('button[value=save]');
  await page.waitForLoadState('load');
  const content = await page.content();
  expect(content.includes('There is a problem'), 'an invalid figure shows no error summary');
  expect(content.includes('Commentary typed before a mistake'), 'the commentary was lost after an error');
  await axe(page, 'manager: return form with errors');
  // Setting progress by hand needs a reason.
  await first.fill(figure);
  await page.selectOption(`#override-${indicator}`, 'red');
  await page.click('button[value=save]');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('Give the reason'), 'an override without a reason was accepted');
  await page.fill(`#reason-${indicator}`, 'Data for September not yet validated');
  await page.click('button[value=save]');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('saved as a draft'), 'saving a draft showed no confirmation');
  await page.click('button[value=submit]');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('submitted to the performance officer'), 'submitting showed no confirmation');
  await axe(page, 'manager: submitted return');
  // Another department's return is out of bounds.
  await visit(page, '/returns/COPS/2012/2', 'manager: other department (forbidden)', 403);
  await visit(page, '/quarters', 'manager: quarters (forbidden)', 403);
  await visit(page, '/framework', 'manager: framework (forbidden)', 403);
  await page.goto(base + '/');
  await page.click('table a.govuk-link >> nth=0');
  await page.waitForLoadState('load');
  await axe(page, 'manager: indicator page');
  await context.close();
}

// The performance officer approves it, and the dashboard changes.
{
  const { context, page } = await signIn('officer');
  await visit(page, '/returns?period=2012%2F13+Q2', 'officer: returns list');
  expect((await page.content()).includes('Submitted'), 'the returns list does not show the submitted return');
  await visit(page, '/returns/CFS/2012/2', 'officer: return to approve');
  await page.click('button[value=approve]');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('has been approved'), 'approving showed no confirmation');
  await page.goto(base + '/?period=2012%2F13+Q2&department=CFS');
  expect((await page.content()).includes(figure), `the dashboard does not show the approved figure ${figure}`);
  await visit(page, '/quarters', 'officer: quarters');
  await visit(page, '/upload', 'officer: upload');
  await visit(page, '/audit', 'officer: audit trail');
  expect((await page.content()).includes('approve return'), 'the audit trail does not record the approval');
  await visit(page, '/reports', 'officer: reports');
  await visit(page, '/users', 'officer: accounts');
  // Their own account: a mistake in the password form is named against its field.
  await visit(page, '/account', 'officer: own account');
  await page.fill('#current', 'not the password');
  await page.fill('#new', 'a-new-long-password');
  await page.fill('#confirm', 'something else');
  await page.click('form[action="/account"] button:has-text("Change password")');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('Enter the same new password again'), 'a mismatched new password shows no error');
  await axe(page, 'officer: account with errors');
  await page.fill('#label', 'Journey script');
  await page.click('button:has-text("Make a token")');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('not shown again'), 'making an API token shows no token');
  await axe(page, 'officer: account with a new token');
  // The framework edited in the browser: a mistake is refused with its field's error.
  await visit(page, '/framework', 'officer: framework');
  await visit(page, '/framework/targets?indicator=NI148', 'officer: framework table');
  await visit(page, '/framework/indicators/edit?code=NI148', 'officer: framework record');
  await page.fill('#col-decimals', '9');
  await page.click('form[action="/framework/indicators"] button[type=submit]');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('There is a problem'), 'decimals of 9 show no error summary');
  await axe(page, 'officer: framework record with errors');
  const report = await page.goto(base + '/reports/qmr/CFS/2012/2/html');
  expect(report.status() === 200 && (await page.content()).includes(figure), 'the Q2 monitoring report does not show the approved figure');
  // "Why this number": from a figure computed from case records to the records behind it.
  await visit(page, '/indicators/NI064', 'officer: indicator computed from case records');
  await page.click('a:has-text("record(s) behind it")');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('P-'), 'the records behind NI064 show no pseudonyms');
  await axe(page, 'officer: records behind a figure');
  // A case return uploaded in the browser: its page follows the work, then says what was stored.
  await visit(page, '/cases/upload', 'officer: upload a case return');
  await page.click('button:has-text("Upload and compute")');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('Enter the period'), 'a case upload without a period shows no error');
  await axe(page, 'officer: case return upload with errors');
  const lists = ['List 1.csv', 'List 3.csv', 'List 4.csv', 'List 5.csv', 'List 6.csv', 'List 7.csv']
    .map((n) => join(process.cwd(), 'data/sample/cra-2011', n));
  await page.setInputFiles('#files', lists);
  await page.fill('#period', '2011/12');
  await page.click('button:has-text("Upload and compute")');
  await page.waitForLoadState('load');
  await axe(page, 'officer: case return being read');
  for (let i = 0; i < 120 && (await page.content()).includes('data-job-running'); i++) {
    await page.waitForTimeout(1000);
    await page.goto(page.url());
  }
  expect((await page.content()).includes('Stored 1 figure(s) for 2011/12'), 'the case return upload did not finish with its figure stored');
  await axe(page, 'officer: case return stored');
  await context.close();
}

// Democratic services keep the meetings' records, and nothing of the framework.
{
  const { context, page } = await signIn('democratic');
  await visit(page, '/framework', 'democratic: meeting records');
  await visit(page, '/framework/agenda_items', 'democratic: agenda items');
  await visit(page, '/framework/agenda_items/new', 'democratic: a new agenda item');
  await visit(page, '/framework/indicators', 'democratic: indicators (forbidden)', 403);
  // Build the next agenda, minute the last meeting with an action, publish the agenda: the
  // action is carried onto it and its pack prints the minutes.
  await addRecord(page, 'agenda_items', { meeting: 'CYPF-2019-01-28', item: '1', title: 'Minutes',
    report: 'minutes', report_scope: 'CYPF-2018-11-12' }, 'democratic: an agenda item');
  await addRecord(page, 'minutes', { meeting: 'CYPF-2018-11-12', number: 'CYP22', heading: 'Business planning 2019 - 20',
    text: 'The Board considered the timetable for the Business Plan.', resolved: 'That the report be noted.' },
    'democratic: a minute');
  await addRecord(page, 'minute_actions', { meeting: 'CYPF-2018-11-12', minute: 'CYP22', position: '1',
    action: 'Bring the draft Business Plan to the January meeting', owner: 'Strategic Director, People' },
    'democratic: an action');
  await visit(page, '/meetings/CYPF-2019-01-28/items/1/word', 'democratic: upload a Word report');
  await visit(page, '/meetings/CYPF-2019-01-28', 'democratic: the next meeting, to publish');
  await page.click('button:has-text("Publish the agenda today")');
  await page.waitForLoadState('load');
  expect(!(await page.content()).includes('Publish the agenda today'), 'publishing the agenda did not take');
  await context.close();
  // The public now sees the agenda with the action carried, and downloads its pack.
  const publicContext = await browser.newContext();
  const pub = await publicContext.newPage();
  await visit(pub, '/meetings/CYPF-2019-01-28', 'public: the next agenda, published');
  const agenda = await pub.content();
  expect(agenda.includes('Bring the draft Business Plan to the January meeting'), 'the action is not carried onto the next agenda');
  expect(agenda.includes('Agenda pack (PDF)'), 'the published agenda offers no pack');
  const pack = await pub.request.get(base + '/meetings/CYPF-2019-01-28/pack');
  expect(pack.status() === 200 && pack.headers()['content-type'] === 'application/pdf', `the pack answered ${pack.status()}`);
  expect((await pack.body()).subarray(0, 5).toString() === '%PDF-', 'the pack is not a PDF');
  await publicContext.close();
}

// The councillor reads, and cannot reach returns or the audit trail.
{
  const { context, page } = await signIn('councillor');
  await axe(page, 'councillor: dashboard');
  await visit(page, '/reports', 'councillor: reports');
  await visit(page, '/returns/CFS/2012/2', 'councillor: a return (forbidden)', 403);
  await visit(page, '/audit', 'councillor: audit (forbidden)', 403);
  await visit(page, '/indicators/NI064/records/2011/0', 'councillor: case records (forbidden)', 403);
  await visit(page, '/meetings/CYPF-2018-11-12', 'councillor: a meeting with its Part II items');
  await visit(page, '/users', 'councillor: accounts (forbidden)', 403);
  await visit(page, '/account', 'councillor: own account');
  await context.close();
}

// The complaints manager: the worklist, recording a case (with a mistake first), a case's page
// and its personal details, shown only on request.
{
  const { context, page } = await signIn('complaints');
  await visit(page, '/complaints', 'complaints: worklist');
  await visit(page, '/complaints/new', 'complaints: record a case');
  await page.fill('#reference', 'JOURNEY-1');
  await page.selectOption('#kind', 'statutory');
  await page.fill('#received', '31/02/2018');
  await page.click('form[action="/complaints/new"] button');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('There is a problem'), 'a bad date shows no error summary');
  await axe(page, 'complaints: record a case with errors');
  await page.fill('#received', '2018-03-27');
  await page.fill('#complainant_name', 'Test Journey Parent');
  await page.click('form[action="/complaints/new"] button');
  await page.waitForLoadState('load');
  expect(page.url().includes('/complaints/cases/JOURNEY-1'), `recording a case went to ${page.url()}`);
  await axe(page, 'complaints: case page');
  expect(!(await page.content()).includes('Test Journey Parent'), 'names shown before they were asked for');
  await page.click('button[value=show_personal]');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('Test Journey Parent'), 'the personal details were not shown');
  await axe(page, 'complaints: case page with personal details');
  // The Stage 1 response: refused without its outcome (the form stays open, the date kept),
  // then recorded; the case moves on and offers the next steps only.
  await page.click('summary:has-text("Record the Stage 1 response")');
  await page.waitForLoadState('load');
  await page.fill('#respond_stage1-on', '2018-04-05');
  await page.click('form:has(input[name=step][value=respond_stage1]) button');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('Enter the outcome of Stage 1'), 'a response without its outcome was not refused');
  expect(await page.inputValue('#respond_stage1-on') === '2018-04-05', 'the date typed was lost');
  await axe(page, 'complaints: a step refused');
  await page.selectOption('#respond_stage1-outcome', 'partially_upheld');
  await page.click('form:has(input[name=step][value=respond_stage1]) button');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('Stage 1 responded'), 'the Stage 1 response was not recorded');
  expect((await page.content()).includes('Record a request for Stage 2'), 'Stage 2 is not offered after the response');
  await page.click('summary:has-text("Add or change an issue")');
  await page.waitForLoadState('load');
  await page.fill('#issue-summary', 'Not kept informed of the plan');
  await page.selectOption('#issue-category', 'service');
  await page.click('form:has(input[name=action][value=issue]) button');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('Not kept informed of the plan'), 'the issue was not recorded');
  await axe(page, 'complaints: case page after steps');
  await visit(page, '/complaints/upload', 'complaints: upload records');
  await visit(page, '/complaints/settings', 'complaints: settings and lists');
  await visit(page, '/complaints/compliments', 'complaints: compliments');
  await page.fill('#received', '2018-03-28');
  await page.fill('#text', 'Thank you to Sam Jones for all the help.');
  await page.click('form[action="/complaints/compliments"] button');
  await page.waitForLoadState('load');
  expect((await page.content()).includes('Sam Jones'), 'the compliment was not recorded');
  await context.close();
}
{
  const { context, page } = await signIn('councillor');
  await visit(page, '/complaints', 'councillor: complaints (forbidden)', 403);
  const r = await page.goto(base + '/complaints/report/2017/html');
  expect(r.status() === 200, `the published complaints report answered ${r.status()}`);
  expect(!(await page.content()).includes('Test Parent'), 'the published complaints report names a complainant');
  await context.close();
}

// The finance officer may upload budget lines.
{
  const { context, page } = await signIn('finance');
  await visit(page, '/upload', 'finance: upload');
  await visit(page, '/finance?period=2012%2F13+Q1', 'finance: budget statements');
  expect((await page.content()).includes('Revenue Budget as at'), 'no computed budget statement');
  await context.close();
}

await browser.close();
console.log(`journey: ${checked} page(s) checked by axe, ${violations} violation(s), ${failures} failed check(s)`);
process.exit(violations || failures ? 1 : 0);
