/**
 * Read a small text file the person picks (a programme definition, .json) on the phone or in the
 * browser: its name and text, or null when they cancel. WeChat: a file from a chat
 * (wx.chooseMessageFile) read by the file system manager; the browser: the file chooser.
 */
export declare function pickTextFile(extensions: readonly string[], maxBytes: number): Promise<{ name: string; text: string } | null>;
