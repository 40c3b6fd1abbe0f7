import { App, applyDocumentTheme, applyHostStyleVariables, type McpUiHostContext } from '@modelcontextprotocol/ext-apps';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { renderResult, type ResultInput } from './view.ts';

/**
 * The MCP App: receives the tool result from the host (ui/notifications/tool-result) and
 * draws it. Everything the host says is data; the view never calls tools on its own.
 */
const root = document.getElementById('view')!;
const app = new App({ name: 'zava-result-view', version: '0.1.0' }, {}, { autoResize: true });
let last: ResultInput | undefined;

function applyContext(context: McpUiHostContext | undefined): void {
  if (context?.theme) applyDocumentTheme(context.theme);
  if (context?.styles?.variables) applyHostStyleVariables(context.styles.variables);
}

function draw(input: ResultInput): void {
  last = input;
  renderResult(root, input, (csv, name) => void saveCsv(csv, name));
}

/** The host's download (a sandboxed iframe may not download by itself), else a blob link. */
async function saveCsv(csv: string, name: string): Promise<void> {
  if (app.getHostCapabilities()?.downloadFile) {
    await app.downloadFile({ contents: [{ type: 'resource', resource: { uri: `file:///${name}`, mimeType: 'text/csv', text: csv } }] });
    return;
  }
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

let toolName: string | undefined;
app.ontoolinput = () => {
  root.dataset.state = 'running';
  if (!last) document.getElementById('status')!.textContent = 'Running…';
};
app.ontoolresult = (result) => {
  const text = result.content?.find((c) => c.type === 'text');
  draw({ toolName, structuredContent: result.structuredContent, isError: result.isError, text: text?.type === 'text' ? text.text : undefined });
};
app.onhostcontextchanged = (context) => {
  applyContext(context);
  // Canvas colours are read at draw time: draw again in the new theme.
  if (context.theme && last) draw(last);
};

void app.connect().then(() => {
  const context = app.getHostContext();
  toolName = context?.toolInfo?.tool.name;
  applyContext(context);
});
