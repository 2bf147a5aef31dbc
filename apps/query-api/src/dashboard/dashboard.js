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

/** The signed-in person's role and region, from the access token's claims (not a secret). */
function claims() {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload));
}

// Yesterday in Asia/Shanghai: a whole day the demo's meters covered (this month is not over yet).
const yesterday = () => new Date(Date.now() + 8 * 3600000 - 86400000).toISOString().slice(0, 10);

/** Officials see their region, operators the province: the region endpoint and its CSV export. */
async function showRegion() {
  const { role, regionCode } = claims();
  if (role !== 'official' && role !== 'operator') return;
  const code = regionCode ?? '440000';
  const period = yesterday();
  const region = await api(`/api/v1/regions/${code}/indicators?period=${period}`);
  document.getElementById('region').hidden = false;
  document.getElementById('region-title').textContent = `${region.regionName} (${code}), ${period}`;
  document.getElementById('region-summary').textContent =
    `${region.enterprises.contributing} of ${region.enterprises.inScope} enterprises contribute; ` +
    `${region.totals.energyTce.toFixed(1)} tce, ${region.totals.carbonTco2.toFixed(1)} tCO₂.`;
  const ratios = { ...region.indicators, ...region.equipmentRates };
  document.getElementById('region-rows').replaceChildren(
    ...Object.entries(ratios).map(([name, r]) => {
      const tr = document.createElement('tr');
      const value = r.value === null ? 'missing' : `${r.value.toPrecision(4)} ${r.unit}`;
      tr.append(cell(name), cell(value), cell(r.enterprises));
      return tr;
    }),
  );
  document.getElementById('region-export').onclick = () => download(code, period);
}

/** The export needs the bearer token, so it is fetched and handed to the browser as a file. */
async function download(code, period) {
  const response = await fetch(`/api/v1/regions/${code}/indicators/export?period=${period}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) return;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = `grip-${code}-${period}.csv`;
  link.click();
  URL.revokeObjectURL(link.href);
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
    await showRegion();
  } catch (error) {
    document.getElementById('login-error').textContent = error.message;
  }
});

if (token)
  showEnterprises()
    .then(showRegion)
    .catch(() => sessionStorage.removeItem('grip.token'));
