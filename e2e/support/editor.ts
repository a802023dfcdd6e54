import { expect, type Locator, type Page } from "@playwright/test";

/** Whether the caret is collapsed at the very end of the editor's text. */
function caretAtEndOf(editor: Locator): Promise<boolean> {
  return editor.evaluate((root) => {
    const selection = window.getSelection();
    if (!selection || !selection.isCollapsed || !selection.focusNode || !root.contains(selection.focusNode)) return false;
    const after = document.createRange();
    after.setStart(selection.focusNode, selection.focusOffset);
    after.setEnd(root, root.childNodes.length);
    return after.toString() === "";
  });
}

/**
 * Puts the caret at the end of a rich-text editor's text as a person does — a click in its last
 * paragraph, then Ctrl+End — and checks it is there before the test types (on a busy machine a
 * click can land before the editor has taken its selection; the person would look and click again).
 */
export async function caretToEnd(page: Page, editor: Locator): Promise<void> {
  await expect(async () => {
    await editor.locator("p").last().click();
    await expect(editor).toBeFocused();
    await page.keyboard.press("Control+End");
    expect(await caretAtEndOf(editor)).toBe(true);
  }).toPass({ timeout: 10_000 });
}
