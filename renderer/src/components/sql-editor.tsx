import { useEffect, useRef } from 'react';
import { autocompletion, closeBrackets } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { PostgreSQL, sql, type SQLNamespace } from '@codemirror/lang-sql';
import { bracketMatching, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';

export interface SqlEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Ctrl/Cmd+Enter. */
  onRun: () => void;
  /** Tables and their columns for completion, e.g. { 'retail.orders': ['order_id', …] }. */
  schema: SQLNamespace | undefined;
  label: string;
}

/** CodeMirror 6 with PostgreSQL highlighting and completion of the identity's tables and columns. */
export function SqlEditor({ value, onChange, onRun, schema, label }: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const language = useRef(new Compartment());
  const handlers = useRef({ onChange, onRun });
  handlers.current = { onChange, onRun };

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          closeBrackets(),
          bracketMatching(),
          autocompletion(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          language.current.of(sql({ dialect: PostgreSQL, upperCaseKeywords: true })),
          keymap.of([{ key: 'Mod-Enter', run: () => (handlers.current.onRun(), true) }, ...defaultKeymap, ...historyKeymap]),
          placeholder('SELECT … FROM retail.orders'),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'data-testid': 'sql-editor', 'aria-label': label, spellcheck: 'false' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) handlers.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor is created once; value and schema changes are pushed in below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(sql({ dialect: PostgreSQL, upperCaseKeywords: true, schema, defaultSchema: 'retail' })) });
  }, [schema]);

  return <div ref={host} className="sql-editor cm-host" />;
}
