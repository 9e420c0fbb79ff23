import * as vscode from 'vscode';
import { CheckSummary, formatCheckSummary } from './checkSummary';
import { RUN_CHECKS_COMMAND } from './commandIds';

/** The status bar item showing the last check run (`hielements/checkSummary`); click = run checks. */
export class CheckStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('hielements.checks', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Hielements checks';
    this.item.command = RUN_CHECKS_COMMAND;
    this.showStarting();
    this.item.show();
  }

  showStarting(): void {
    this.item.text = '$(sync~spin) Hielements';
    this.item.tooltip = 'Hielements: starting the language server';
    this.item.backgroundColor = undefined;
  }

  /** Server running, no check summary received yet. */
  showReady(): void {
    this.item.text = '$(checklist) Hielements';
    this.item.tooltip = 'Hielements: no checks run yet. Click to run the checks.';
    this.item.backgroundColor = undefined;
  }

  showStopped(reason: string): void {
    this.item.text = '$(circle-slash) Hielements';
    this.item.tooltip = `Hielements: ${reason}. Run "Hielements: Restart Language Server".`;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  }

  showSummary(summary: CheckSummary): void {
    const view = formatCheckSummary(summary);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor =
      view.severity === 'failed'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : view.severity === 'errors'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
