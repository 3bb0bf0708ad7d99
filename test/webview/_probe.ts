import ELK from 'elkjs/lib/elk.bundled.js';
const elk = new ELK();
function comp(k: number, opts: Record<string,string>) {
  const children = [], edges = [];
  children.push({id:`d${k}`,width:100,height:42},{id:`r${k}`,width:100,height:42},{id:`s${k}`,width:100,height:42});
  edges.push({id:`e1${k}`,sources:[`d${k}`],targets:[`r${k}`]});
  for (let p=0;p<3;p++){children.push({id:`p${k}${p}`,width:120,height:42}); edges.push({id:`eo${k}${p}`,sources:[`r${k}`],targets:[`p${k}${p}`]},{id:`es${k}${p}`,sources:[`s${k}`],targets:[`p${k}${p}`]});}
  return {id:`c${k}`, layoutOptions: opts, children, edges};
}
const base = {'elk.algorithm':'layered','elk.direction':'RIGHT'};
async function t(name: string, opts: Record<string,string>, n: number, mode: 'one'|'many') {
  for (let w=0; w<2; w++) {
  const s = performance.now();
  if (mode==='one') await elk.layout({id:'root', layoutOptions:{'elk.algorithm':'fixed','elk.hierarchyHandling':'SEPARATE_CHILDREN'}, children: Array.from({length:n},(_,k)=>comp(k,opts))} as any);
  else for (let k=0;k<n;k++) await elk.layout(comp(k,opts) as any);
  if (w===1) console.log(name, mode, n, (performance.now()-s).toFixed(0),'ms');
  }
}
(async()=>{
  await t('base', base, 100, 'one');
  await t('base', base, 100, 'many');
  await t('poly', {...base,'elk.edgeRouting':'POLYLINE'}, 100, 'one');
  await t('bk+poly', {...base,'elk.edgeRouting':'POLYLINE','elk.layered.nodePlacement.strategy':'BRANDES_KOEPF'}, 100, 'one');
  await t('bk+poly+model', {...base,'elk.edgeRouting':'POLYLINE','elk.layered.nodePlacement.strategy':'BRANDES_KOEPF','elk.layered.considerModelOrder.strategy':'NODES_AND_EDGES'}, 100, 'one');
  await t('bk+poly+thor1', {...base,'elk.edgeRouting':'POLYLINE','elk.layered.nodePlacement.strategy':'BRANDES_KOEPF','elk.layered.thoroughness':'1'}, 100, 'one');
  await t('fixed-root-box', {...base}, 100, 'one');
  await t('base', base, 1000, 'one');
  await t('bk+poly+thor1', {...base,'elk.edgeRouting':'POLYLINE','elk.layered.nodePlacement.strategy':'BRANDES_KOEPF','elk.layered.thoroughness':'1'}, 1000, 'one');
})();
