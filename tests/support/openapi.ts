/** The small part of OpenAPI 3 (and JSON Schema) that the fuzzer reads. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  /** A tuple's items, one schema per position (then `items: false`). */
  prefixItems?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
}

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OperationObject {
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { $ref?: string; content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  openapi?: string;
  swagger?: string;
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema>; parameters?: Record<string, Parameter> };
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path template, e.g. `/api/spaces/{slug}/join`. */
  template: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; required: boolean; schema: JsonSchema }[];
  body: JsonSchema | undefined;
  bodyRequired: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Follows a local `#/components/...` reference; unknown references read as "anything". */
export function resolve<T extends object>(document: OpenApiDocument, value: T | { $ref: string }): T {
  let current: unknown = value;
  for (let hops = 0; hops < 16; hops++) {
    const ref = (current as { $ref?: unknown }).$ref;
    if (typeof ref !== 'string') return current as T;
    if (!ref.startsWith('#/')) return {} as T;
    let target: unknown = document;
    for (const part of ref.slice(2).split('/')) {
      const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
      target = (target as Record<string, unknown> | undefined)?.[key];
    }
    current = target ?? {};
  }
  return {} as T;
}

/** Every operation of the document, its `:param`/`{param}` paths normalised to `{param}`. */
export function listOperations(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [rawPath, item] of Object.entries(document.paths ?? {})) {
    const template = rawPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    for (const method of METHODS) {
      const raw = item[method] as OperationObject | undefined;
      if (!raw) continue;
      const parameters = (raw.parameters ?? []).map((parameter) => resolve<Parameter>(document, parameter));
      const content = raw.requestBody ? resolve(document, raw.requestBody).content : undefined;
      const jsonBody = content?.['application/json']?.schema;
      const declaredParams = new Set(parameters.filter((p) => p.in === 'path').map((p) => p.name));
      const templateParams = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        template,
        pathParams: templateParams.map((name) => ({
          name,
          schema: declaredParams.has(name)
            ? (parameters.find((p) => p.in === 'path' && p.name === name)?.schema ?? {})
            : { type: 'string' },
        })),
        queryParams: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} })),
        body: jsonBody,
        bodyRequired: Boolean(jsonBody && (raw.requestBody as { required?: boolean }).required),
      });
    }
  }
  return operations;
}
