import { NEED_SOURCES, NeedBody, NeedSource } from '@cf/shared';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { type LoaderFunctionArgs, useNavigate } from 'react-router';
import { Page } from '../../../components/layout/page';
import { Button } from '../../../components/ui/button';
import { BackLink } from '../../../components/ui/content';
import { DateInput, dateFields } from '../../../components/ui/date-input';
import { ErrorSummary } from '../../../components/ui/error-summary';
import { Radios, Select, TextInput } from '../../../components/ui/form';
import { WordCountTextarea } from '../../../components/ui/word-count';
import { useRecordNeed } from '../../../features/needs/api/needs';
import { referenceQueryOptions } from '../../../features/reference/api/reference';
import { applyServerErrors, errorItems } from '../../../lib/forms';
import { queryClient } from '../../../lib/query-client';
import { type DateParts, emptyDate, isoDate, sharedResolver, text } from '../../../lib/resolver';
import { requirePermission } from '../../guards';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, { action: 'need.manage' });
  await queryClient.ensureQueryData(referenceQueryOptions());
  return null;
}

interface NeedForm {
  wardId: string;
  title: string;
  description: string;
  source: string;
  sourceDetail: string;
  identifiedOn: DateParts;
}

const FIELDS = ['wardId', 'title', 'description', 'source', 'sourceDetail', 'identifiedOn'];

export function Component() {
  const navigate = useNavigate();
  const record = useRecordNeed();
  const { data: reference } = useSuspenseQuery(referenceQueryOptions());
  const form = useForm<NeedForm, unknown, NeedBody>({
    defaultValues: {
      wardId: '',
      title: '',
      description: '',
      source: '',
      sourceDetail: '',
      identifiedOn: emptyDate,
    },
    resolver: sharedResolver<NeedForm, NeedBody>(
      () => NeedBody,
      (v) => ({
        wardId: text(v.wardId),
        title: text(v.title),
        description: text(v.description),
        source: text(v.source),
        sourceDetail: v.sourceDetail,
        identifiedOn: isoDate(v.identifiedOn),
      }),
    ),
  });
  const { errors, isSubmitting } = form.formState;
  const items = errorItems(errors, FIELDS, (path) => (path === 'identifiedOn' ? 'identifiedOn-day' : path));
  const description = form.watch('description');

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await record.mutateAsync(values);
      navigate('/project-bank');
    } catch (error) {
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <Page
      title="Record a need"
      hasError={items.length > 0}
      before={<BackLink to="/project-bank">Project bank</BackLink>}
    >
      <ErrorSummary errors={items} />
      <h1 className="govuk-heading-l">Record a need</h1>
      <form onSubmit={onSubmit} noValidate>
        <Select
          id="wardId"
          label="Ward"
          error={errors.wardId?.message}
          options={[
            { value: '', text: 'Choose a ward' },
            ...reference.wards.map((w) => ({ value: w.id, text: w.name })),
          ]}
          {...form.register('wardId')}
        />
        <TextInput
          id="title"
          label="Short name for the need"
          error={errors.title?.message}
          {...form.register('title')}
        />
        <WordCountTextarea
          id="description"
          label="Describe the need"
          maxWords={200}
          value={description}
          error={errors.description?.message}
          {...form.register('description')}
        />
        <Radios
          id="source"
          legend="Where was the need found?"
          legendSize="s"
          error={errors.source?.message}
          options={NeedSource.options.map((value) => ({ value, text: NEED_SOURCES[value] }))}
          {...form.register('source')}
        />
        <TextInput
          id="sourceDetail"
          label="Details of where it came from (optional)"
          hint="For example, the name of the consultation"
          error={errors.sourceDetail?.message}
          {...form.register('sourceDetail')}
        />
        <DateInput
          id="identifiedOn"
          legend="When was it found?"
          error={errors.identifiedOn?.message}
          fields={dateFields(form.register, 'identifiedOn')}
        />
        <Button disabled={isSubmitting}>Save need</Button>
      </form>
    </Page>
  );
}
