// mjml 5 ships no type declarations; this is the part of its API the mails use.
declare module 'mjml' {
  interface MjmlOptions {
    validationLevel?: 'strict' | 'soft' | 'skip';
    fonts?: Record<string, string>;
    keepComments?: boolean;
    minify?: boolean;
  }
  interface MjmlResult {
    html: string;
    errors: Array<{ message: string; formattedMessage: string }>;
  }
  export default function mjml2html(input: string, options?: MjmlOptions): Promise<MjmlResult>;
}
