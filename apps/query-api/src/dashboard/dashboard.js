// The demo dashboard: a thin page over the public API (no private endpoints).
let token = sessionStorage.getItem('grip.token');
let chart;

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

async function showEnterprises() {
  const page = await api('/api/v1/enterprises?pageSize=200');
  document.getElementById('enterprises').hidden = false;
  document.getElementById('role').textContent = `(${page.total})`;
  const rows = document.getElementById('rows');
  rows.replaceChildren(
    ...page.items.map((e) => {
      const tr = document.createElement('tr');
      tr.className = 'pick';
      tr.append(cell(e.name), cell(e.regionCode), cell(e.industryCode), cell(e.sizeClass ?? ''));
      tr.addEventListener('click', () => showEnergy(e));
      return tr;
    }),
  );
}

async function showEnergy(enterprise) {
  const to = new Date();
  const from = new Date(to.getTime() - 7 * 86400000);
  const energy = await api(
    `/api/v1/enterprises/${enterprise.id}/energy?granularity=day&from=${from.toISOString()}&to=${to.toISOString()}`,
  );
  document.getElementById('energy').hidden = false;
  document.getElementById('energy-title').textContent = enterprise.name;
  document.getElementById('energy-total').textContent = energy.total.totalTce.toFixed(3);
  document.getElementById('carriers').replaceChildren(
    ...energy.total.carriers.map((c) => {
      const tr = document.createElement('tr');
      tr.append(
        cell(c.carrier),
        cell(`${c.quantity.toFixed(2)} ${c.unit}`),
        cell(`${c.coefficient} ${c.coefficientUnit}`),
        cell(c.tce.toFixed(4)),
      );
      return tr;
    }),
  );
  const labels = energy.buckets.map((b) => b.start.slice(0, 10));
  const data = energy.buckets.map((b) => b.totalTce);
  if (chart) chart.destroy();
  chart = new Chart(document.getElementById('chart'), {
    type: 'bar',
    data: { labels, datasets: [{ label: 'tce per day', data, backgroundColor: '#2e8b6a' }] },
  });
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const result = await api('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
    });
    token = result.accessToken;
    sessionStorage.setItem('grip.token', token);
    document.getElementById('login-error').textContent = '';
    await showEnterprises();
  } catch (error) {
    document.getElementById('login-error').textContent = error.message;
  }
});

if (token) showEnterprises().catch(() => sessionStorage.removeItem('grip.token'));
