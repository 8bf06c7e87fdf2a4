import { DEFAULT_CATEGORIES } from '../../contract/summary';
import { SummarizerError } from './errors';
import { summarizeInputSchema, type Category, type SummarizeInput } from './types';

/** Checks what a caller passed (zod at the edge) and settles the categories: the defaults when none are given, no duplicates. */
export function checkedInput(
  input: SummarizeInput,
): SummarizeInput & { categories: [Category, ...Category[]] } {
  const parsed = summarizeInputSchema.safeParse(input);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(input)'))].join(
      ', ',
    );
    throw new SummarizerError(`Invalid summarize input (${fields}).`, 'invalid_input');
  }
  const seen = new Set<string>();
  const unique = parsed.data.categories.filter(
    (category) => !seen.has(category.name) && seen.add(category.name),
  );
  const categories = (
    unique.length > 0 ? unique : DEFAULT_CATEGORIES.map((category) => ({ ...category }))
  ) as [Category, ...Category[]];
  return { ...input, categories };
}
