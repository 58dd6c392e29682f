// utilerrors.NewAggregate(errs).Error() from k8s.io/apimachinery: how the RBAC authorizer, the
// union authorizer and SelfSubjectRulesReview print several errors as one.
// Nested aggregates are flattened by upstream's visit(), so a flat list of leaf messages is enough.

/** One message as is; several deduplicated and printed as `[a, b]`; none as "". */
export function aggregateMessage(messages: readonly string[]): string {
  if (messages.length <= 1) return messages[0] ?? '';
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}
