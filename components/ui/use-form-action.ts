"use client";
import { startTransition, useActionState, type FormEvent } from "react";

/**
 * useActionState for forms that keep what the user typed: React resets a form after an `action`
 * prop submission, which would wipe the input next to a validation message. Submitting through
 * onSubmit instead leaves the fields as they are.
 */
export function useFormAction<S>(action: (previous: S | null, form: FormData) => Promise<S>) {
  const [state, dispatch, pending] = useActionState<S | null, FormData>(action, null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  }
  return [state, onSubmit, pending] as const;
}
