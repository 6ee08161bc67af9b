// As a figure is typed, shows the progress and direction of travel the board's rules give it,
// without saving. The form works without this: the same is shown after every save.
const form = document.getElementById('return-form');
const url = form && form.dataset.preview;
const classes = { green: 'govuk-tag--green', amber: 'govuk-tag--yellow', red: 'govuk-tag--red' };
let timer;
async function refresh() {
  const body = new URLSearchParams(new FormData(form));
  const reply = await fetch(url, { method: 'POST', body, credentials: 'same-origin' });
  if (!reply.ok) return;
  const { indicators } = await reply.json();
  for (const row of indicators) {
    const box = document.getElementById(`computed-${row.id}`);
    if (!box) continue;
    const tag = box.querySelector('[data-progress]');
    tag.textContent = row.progress.label;
    tag.className = `govuk-tag ${classes[row.progress.state] || 'govuk-tag--grey'}`;
    box.querySelector('[data-direction]').textContent = row.direction.label;
    box.querySelector('[data-basis]').textContent = row.basis;
  }
}
if (url) {
  form.addEventListener('input', (e) => {
    if (!/^(value|override)-/.test(e.target.id)) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
}
