// Saving a file the app made (an exported head) to the person's downloads.
export function downloadText(fileName: string, text: string, mimeType = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; free it a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
