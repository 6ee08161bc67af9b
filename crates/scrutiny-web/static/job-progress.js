// Keeps a running job's page up to date without a timed reload (which WCAG 2.2.1 forbids): every
// two seconds the page is fetched again and its progress swapped in, announced politely; once
// the job has finished, the whole page is loaded so its result can be read. Without this
// script, the page's "Check progress" link does the same by hand.
const status = document.getElementById('job-progress');
async function poll() {
  const reply = await fetch(location.href, { credentials: 'same-origin' });
  if (!reply.ok) return;
  const next = new DOMParser().parseFromString(await reply.text(), 'text/html');
  const fresh = next.getElementById('job-progress');
  if (!fresh) {
    location.reload();
    return;
  }
  status.innerHTML = fresh.innerHTML;
  setTimeout(poll, 2000);
}
if (status) setTimeout(poll, 2000);
