import { harness, passingFacts, passingValues, rid, roundIdOf, PDF, passStages, draftReady, TEST_UNITS } from '../handlers/applications-support';
import { programmes, appliesToKind } from '../../shared/programmes';
it('probe', async () => {
  const h = await harness();
  for (const [pid, kid, who, extra] of [['yiyang-station-2023', 'station', 'p-sec-agri', { hostUnitId: 'hu-heshan' }], ['yiyang-capacity-2018', 'demonstration', 'p-sec-agri', {}]] as const) {
    let t = Date.now();
    const p = programmes[pid]; const kind = p.kinds.find((k) => k.id === kid)!;
    const r = await h.call('applications', 'saveDraft', { programmeId: pid, kindId: kid, roundId: roundIdOf(h, pid), values: passingValues(p, kind), facts: passingFacts(h, p, kid), baseVersion: 0, requestId: rid(), ...extra }, who);
    console.log(pid, JSON.stringify(r).slice(0, 300));
    const id = r.data.applicationId;
    for (const m of p.materials.filter((x) => x.required && appliesToKind(x, kid))) {
      const u = await h.call('applications', 'uploadAttachment', { applicationId: id, materialId: m.id, name: 'a.pdf', mime: 'application/pdf', base64: PDF, requestId: rid() }, who);
      if (!u.ok) console.log(JSON.stringify(u));
    }
    const s = await h.call('applications', 'submit', { applicationId: id, requestId: rid() }, who);
    console.log('submit', JSON.stringify(s).slice(0, 600));
    const g = await h.call('applications', 'get', { applicationId: id }, 'p-host-heshan');
    console.log('host get', g.ok, g.error?.code, 'castUnit', g.data?.castUnitId, g.data?.stageId);
    console.log('ms', Date.now() - t);
  }
  let t = Date.now();
  const p = programmes['yiyang-station-2023']; const kind = p.kinds[0]!;
  const { applicationId, personId } = await draftReady(h, p, kind);
  const s = await h.call('applications', 'submit', { applicationId, requestId: rid() }, personId);
  console.log('t1 submit', s.ok, s.data?.stageId, Date.now() - t);
  const v = await passStages(h, applicationId, {});
  console.log('passStages', v.status, Date.now() - t);
});
