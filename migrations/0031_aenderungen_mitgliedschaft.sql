-- Änderungen der Zweckvereinbarung (issue 12): a membership ends when an Austritt takes effect; a county that is to join exists as a tenant before it is a member.

-- The day a membership ended (an Austritt by amendment); NULL while it lasts.
alter table agreement_members add column member_until date,
  add check (member_until is null or member_until >= member_since);
grant update (member_until) on agreement_members to verbund_app;
