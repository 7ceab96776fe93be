/** An email's content, ready for the mailer: subject, HTML and plain text, attachments. */
export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly attachments?: readonly {
    readonly fileName: string;
    readonly contentType: string;
    readonly content: string;
  }[];
}
