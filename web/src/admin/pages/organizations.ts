// The city's organizations, for platform admins: the list, a new one (its name and kind), and
// each one renamed or given another kind in place. A city starts here from an empty database.
import { ApiFailure, api, read } from '../../foundation/api.ts';
import { h, replaceContent } from '../../foundation/dom.ts';
import { choices, type ControlField, FieldList, inputField, selectField } from '../../foundation/fields.ts';
import { type FormMessage, sendingForm, showFailure } from '../../foundation/form-message.ts';
import { emptyNote } from '../../foundation/notices.ts';
import { loadPage } from '../../foundation/page.ts';
import { href, type PageContext } from '../../foundation/router.ts';
import { setPageTitle } from '../../foundation/shell.ts';
import { meAndOrganizations, organizationKinds } from '../organizations.ts';
import { notAllowed } from '../login.ts';
import { type OrganizationKind, strings } from '../strings.ts';

/** What this page shows of an organization (its reminder hour is its organizers' business). */
type OrganizationListing = { id: string; name: string; kind: OrganizationKind };

/** An organization's name and kind, empty for a new one. */
function nameAndKind(current?: OrganizationListing) {
  const s = strings();
  const name = inputField({
    path: 'name',
    label: s.organizationName,
    required: true,
    value: current?.name,
    attributes: { maxlength: 100 },
  });
  const kind = selectField({
    path: 'kind',
    label: s.organizationKindLabel,
    choices: choices(organizationKinds, (k) => s.organizationKind[k]),
    value: current?.kind ?? 'other',
  });
  return { name, kind, fields: new FieldList([name, kind]) };
}

/** A taken name is about the name box, though the API says it without a field. */
function showOrganizationFailure(
  error: unknown,
  message: FormMessage,
  fields: FieldList,
  name: ControlField<HTMLInputElement>,
) {
  if (error instanceof ApiFailure && error.code === 'organization_exists') {
    message.clear();
    name.showError(error.message);
    return name.focus();
  }
  showFailure(error, message, fields);
}

/** One organization: its name and kind, the way to its staff, and its change form. */
function organizationItem(organization: OrganizationListing) {
  const item = h('li', { class: 'card organization' });
  const draw = (current: OrganizationListing, said: string) => {
    const s = strings();
    const { name, kind, fields } = nameAndKind(current);
    const form = sendingForm(
      {
        fields,
        label: s.save,
        busy: s.saving,
        card: false,
        send: () =>
          read(
            api.admin.organizations[':id'].$patch({
              param: { id: current.id },
              json: { name: name.control.value, kind: kind.control.value as OrganizationKind },
            }),
          ),
        sent: ({ organization: updated }) => {
          draw(updated, s.organizationSaved(updated.name));
          item.querySelector<HTMLElement>('.form-message-ok')?.focus();
        },
        failed: (error, message) => showOrganizationFailure(error, message, fields, name),
      },
      name.element,
      kind.element,
    );
    replaceContent(
      item,
      h('h2', null, current.name),
      h(
        'p',
        { class: 'meta' },
        h('span', { class: 'badge' }, s.organizationKind[current.kind]),
        ' ',
        h(
          'a',
          {
            href: href('/staff', { organizationId: current.id }),
            'aria-label': s.organizationStaffLabel(current.name),
          },
          s.organizationStaffLink,
        ),
      ),
      said ? h('p', { class: 'form-message form-message-ok', role: 'status', tabindex: -1 }, said) : null,
      h('details', null, h('summary', null, s.changeOrganization), form),
    );
  };
  draw(organization, '');
  return item;
}

/** The form for a new organization; `onAdded` puts it in the list. */
function newOrganizationForm(onAdded: (organization: OrganizationListing) => void) {
  const s = strings();
  const { name, kind, fields } = nameAndKind();
  return sendingForm(
    {
      fields,
      label: s.addOrganization,
      busy: s.saving,
      heading: s.newOrganization,
      send: () =>
        read(
          api.admin.organizations.$post({
            json: { name: name.control.value, kind: kind.control.value as OrganizationKind },
          }),
        ),
      sent: ({ organization }, form, message) => {
        form.reset();
        message.ok(s.organizationAdded(organization.name));
        onAdded(organization);
      },
      failed: (error, message) => showOrganizationFailure(error, message, fields, name),
    },
    name.element,
    kind.element,
  );
}

export function organizationsPage(context: PageContext) {
  const s = strings();
  setPageTitle(s.organizationsTitle);
  return loadPage(
    context,
    () => meAndOrganizations(context.signal),
    ({ staff, organizations }) => {
      const view = context.view;
      view.append(h('h1', null, s.organizationsTitle));
      if (staff.role !== 'admin' || !organizations) return void view.append(notAllowed());
      const list = h('ul', { class: 'organizations' });
      const empty = emptyNote(s.noOrganizations);
      const drawList = (items: OrganizationListing[]) => {
        replaceContent(list, ...items.map(organizationItem));
        empty.hidden = items.length > 0;
      };
      const items: OrganizationListing[] = [...organizations];
      drawList(items);
      view.append(
        h('p', null, s.organizationsIntro),
        newOrganizationForm((added) => {
          items.unshift(added);
          drawList(items);
        }),
        empty,
        list,
      );
    },
  );
}
