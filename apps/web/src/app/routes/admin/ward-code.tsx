import { WardCodeBody } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { data, type LoaderFunctionArgs, useNavigate, useParams } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink } from '../../../components/ui/content';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { TextInput } from '../../../components/ui/form';
import { useSaveWardCode, wardCodesQueryOptions } from '../../../features/opendata/api/opendata';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { sharedResolver } from '../../../lib/resolver';
import { requirePermission } from '../../guards';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'opendata.ward_codes' });
  const list = await queryClient.ensureQueryData(wardCodesQueryOptions());
  if (!list.wards.some((w) => w.id === params.wardId)) throw data('Page not found', { status: 404 });
  return null;
}

interface CodeForm {
  code: string;
}

export function Component() {
  const { wardId = '' } = useParams();
  const navigate = useNavigate();
  const { data: list } = useSuspenseQuery(wardCodesQueryOptions());
  const ward = list.wards.find((w) => w.id === wardId);
  const save = useSaveWardCode(wardId);
  const form = useForm<CodeForm, unknown, WardCodeBody>({
    defaultValues: { code: ward?.code ?? '' },
    resolver: sharedResolver(
      () => WardCodeBody,
      (v) => ({ code: v.code }),
    ),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, ['code']);
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await save.mutateAsync(body);
      navigate('/admin/ward-codes');
    } catch (error) {
      applyServerErrors(error, form.setError, ['code']);
    }
  });
  if (!ward) return null;
  const title = ward.isCityWide ? 'The council’s area code for City-wide grants' : `ONS code of ${ward.name}`;
  return (
    <Page title={title} hasError={items.length > 0} before={<BackLink to="/admin/ward-codes">Back</BackLink>}>
      <ErrorSummary errors={items} />
      <form onSubmit={onSubmit} noValidate>
        <TextInput
          id="code"
          label={title}
          isPageHeading
          labelSize="l"
          hint="A letter and 8 digits, like E05010798. Leave it empty if you do not know it."
          width="10"
          autoComplete="off"
          spellCheck={false}
          error={errors.code?.message}
          {...form.register('code')}
        />
        <Button type="submit" disabled={isSubmitting}>
          Save the code
        </Button>
      </form>
    </Page>
  );
}
