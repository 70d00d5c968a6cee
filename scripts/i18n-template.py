#!/usr/bin/env python3
# Writes programs/i18n/<lang>/*.yaml templates: one entry per patient-facing text of each
# programs/*.yaml file, keyed by where the text is, with the FNV-1a 64 hash of the English
# (docs/translations.md). A developer tool (needs python3-yaml); run from the project root.
# Usage: scripts/i18n-template.py LANG (an ISO 639-1 code such as es). It writes into
# /tmp/i18n-skel/; copy what you need into programs/i18n/<lang>/.
import yaml, glob, os, sys
def fnv(s):
    h=0xcbf29ce484222325
    for b in s.encode('utf-8'):
        h^=b; h=(h*0x100000001b3)&0xffffffffffffffff
    return '%016x'%h
if len(sys.argv) != 2: sys.exit('usage: scripts/i18n-template.py LANG')
LANG=sys.argv[1]
TOP=['title','condition','summary']
LISTS={ # section: (fields, list fields)
 'education':(['title','text'],[]),
 'exercises':(['name','instructions','stop_if'],['equipment']),
 'modalities':(['name','instructions'],['contraindications']),
 'outcome_measures':(['name'],[]),
 'phases':(['title'],['goals']),
 'red_flags':(['text','action'],[]),
}
def out(keys, f, src):
    lines=['# %s texts of programs/%s, keyed by where each English text is.'%(LANG,src),
           '# "source" is the FNV-1a 64 hash of the English text translated (docs/translations.md).',
           'language: %s'%LANG,'translates: %s'%src,'texts:']
    for k,en in keys:
        lines.append('  # en: '+en.replace('\n',' '))
        lines.append('  %s:'%k)
        lines.append('    source: "%s"'%fnv(en))
        lines.append('    text: ""')
    open(f,'w').write('\n'.join(lines)+'\n')
os.makedirs('/tmp/i18n-skel', exist_ok=True)
for path in sorted(glob.glob('programs/*.yaml')):
    d=yaml.safe_load(open(path)); keys=[]
    for t in TOP:
        if isinstance(d.get(t),str): keys.append((t,d[t]))
    for sec,(fields,lists) in LISTS.items():
        for item in d.get(sec) or []:
            if not isinstance(item,dict) or 'id' not in item: continue
            base='%s.%s'%(sec,item['id'])
            for fl in fields:
                if isinstance(item.get(fl),str): keys.append((base+'.'+fl,item[fl]))
            for lf in lists:
                for i,v in enumerate(item.get(lf) or []):
                    if isinstance(v,str): keys.append(('%s.%s.%d'%(base,lf,i),v))
            if sec=='exercises':
                for i,st in enumerate(item.get('ladder') or []):
                    if isinstance(st,dict) and isinstance(st.get('note'),str): keys.append(('%s.ladder.%d.note'%(base,i),st['note']))
            if sec=='phases':
                for i,c in enumerate(item.get('exit_criteria') or []):
                    if isinstance(c,dict) and isinstance(c.get('text'),str): keys.append(('%s.exit_criteria.%d.text'%(base,i),c['text']))
    for i,r in enumerate(d.get('restrictions') or []):
        if isinstance(r,dict) and isinstance(r.get('reason'),str): keys.append(('restrictions.%d.reason'%i,r['reason']))
    name=os.path.basename(path)
    out(keys,'/tmp/i18n-skel/'+name,name)
    print(name,len(keys),sum(len(e) for _,e in keys))
