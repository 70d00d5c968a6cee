#!/usr/bin/env python3
# Writes po/rehab.pot, the gettext template of every interface text, from the
# English tables of planner/present/messages_en.cc (docs/translations.md).
# A developer tool, run from the project root after changing an English text:
#   scripts/po-template.py && msgmerge --update --no-wrap po/es.po po/rehab.pot
# (scripts/po-template.py FILE writes FILE instead; tests/translation_test.cc
# checks that po/rehab.pot is what the tables give now.)
# Each text's msgctxt is its id: a StringId name ("kAlertHeading") or a message
# id ("alert.repeated-red"); a message's other forms add "|none" (the list or
# number is 0) or "|many" (more than 3) to it; its grammatical forms by count
# are one gettext plural entry (msgid, msgid_plural), picked by the catalogue's
# Plural-Forms. Placeholders are fmt named fields, "{date}" or "{names:, }" (a list joined by ", "), checked
# by msgfmt --check as python-brace-format.
import json
import re
import sys

SOURCE = 'planner/present/messages_en.cc'

TOKEN = re.compile(r'''
    (?P<comment>//[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<id>REHAB_TEXT\(k\w+)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<rclose>\))
  | (?P<comma>,)
  | (?P<space>\s+)
  | (?P<other>.)
''', re.VERBOSE | re.DOTALL)


def tokens(text):
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind in ('comment', 'space'):
            continue
        yield kind, m.group(kind)


def rows(text, start, row_depth):
    """The rows of the table whose definition starts at `start` (a row is at
    brace depth `row_depth` from there): lists of fields (strings, StringId
    names, None for {})."""
    out, depth, row, pending = [], 0, None, []
    for kind, value in tokens(text[text.index(start) + len(start):]):
        if kind == 'id':  # REHAB_TEXT(kX, "text"): a row with its own parenthesis
            depth += 1
            row = [value.split('(')[1]]
            continue
        if kind == 'rclose':
            kind = 'close'
        if kind == 'open':
            depth += 1
            if depth == row_depth:
                row = []
            continue
        if kind == 'close':
            if depth == row_depth + 1 and row is not None:
                row.append(None)  # {}: a form left empty
            elif depth == row_depth and row is not None:
                if pending:
                    row.append(''.join(pending))
                    pending = []
                out.append(row)
                row = None
            depth -= 1
            if depth < 0:
                return out
            continue
        if row is None or depth != row_depth:
            continue
        if kind == 'string':
            pending.append(json.loads(value))
        elif kind == 'comma' and pending:
            row.append(''.join(pending))
            pending = []
    return out


def po_string(s):
    body = json.dumps(s, ensure_ascii=False)[1:-1]
    return '"' + body + '"'


def entry(ctxt, text, note):
    if text == '':
        return None  # nothing to translate (kWeekOutsidePlan may be empty); English is used
    flags = '#, python-brace-format\n' if re.search(r'\{\w+(:[^{}]*)?\}', text) else ''
    return f'#. {note}\n{flags}msgctxt {po_string(ctxt)}\nmsgid {po_string(text)}\nmsgstr ""\n'


def plural_entry(ctxt, one, other, note):
    """A text with forms by count: gettext's singular and plural, msgstr[0..] as the
    catalogue's Plural-Forms numbers them (English: 0 for 1, 1 for the rest)."""
    flags = '#, python-brace-format\n' if re.search(r'\{\w+(:[^{}]*)?\}', one + other) else ''
    return (f'#. {note}\n{flags}msgctxt {po_string(ctxt)}\nmsgid {po_string(one)}\n'
            f'msgid_plural {po_string(other)}\nmsgstr[0] ""\nmsgstr[1] ""\n')


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else 'po/rehab.pot'
    text = open(SOURCE, encoding='utf-8').read()
    entries = []
    table = rows(text, 'constexpr Table kEnglish = {', 2)
    messages = rows(text, 'constexpr MessageRow kEnglishMessages[] = {', 1)
    if len(table) < 100 or len(messages) < 100:
        sys.exit(f'{SOURCE}: found {len(table)} texts and {len(messages)} messages: has its layout changed?')
    # (The verbatim message, {kVerbatimMessage, "{text}"}, has no id to read and nothing to translate.)
    messages = [row for row in messages if len(row) >= 2]
    for row in table + messages:
        if row and row[0].startswith('k'):  # REHAB_TEXT(kX, "text")
            ctxt, english = row[0], row[1]
            entries.append(entry(ctxt, english, 'StringId::' + ctxt))
            continue
        ident, general = row[0], row[1]
        count = row[2] if len(row) > 2 else None
        if not count:
            entries.append(entry(ident, general, ident))
            continue
        # The grammatical forms by {count}, picked by the catalogue's Plural-Forms; the
        # forms for 0 and for more than 3 (a wording, not grammar) are texts of their own.
        one = row[4] if len(row) > 4 and row[4] else general
        entries.append(plural_entry(ident, one, general,
                                    f'{ident}: by {{{count}}}, in the forms of your Plural-Forms'))
        for name, form, when in (('none', 3, '0'), ('many', 5, 'more than 3')):
            if len(row) > form and row[form]:
                entries.append(entry(f'{ident}|{name}', row[form],
                                     f'{ident}: the form when {{{count}}} is {when}'))
    header = ('# The interface texts of rehab (planner/present/messages_en.cc), for translators.\n'
              '# Written by scripts/po-template.py; docs/translations.md says how to add a language.\n'
              'msgid ""\nmsgstr ""\n'
              '"Project-Id-Version: rehab\\n"\n'
              '"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"\n'
              '"Last-Translator: \\n"\n'
              '"Language-Team: \\n"\n'
              '"Language: \\n"\n'
              '"MIME-Version: 1.0\\n"\n'
              '"Content-Type: text/plain; charset=UTF-8\\n"\n'
              '"Content-Transfer-Encoding: 8bit\\n"\n'
              '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n')
    with open(out, 'w', encoding='utf-8') as f:
        entries = [e for e in entries if e is not None]
        f.write(header + '\n' + '\n'.join(entries))
    print(f'{out}: {len(entries)} texts', file=sys.stderr)


if __name__ == '__main__':
    main()
