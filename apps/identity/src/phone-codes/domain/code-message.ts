/** The sign-in template's variables: its one variable `code` (the template text is approved with the provider). */
export function aliyunPhoneTemplateParams(code: string): Record<string, string> {
  return { code };
}
