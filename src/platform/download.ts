// Saving a file the app made (a zip of clips, an exported head) to the person's downloads.
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; free it a while later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
