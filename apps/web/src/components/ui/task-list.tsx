import { Link } from 'react-router';
import { Tag } from './content';

export type TaskStatus = 'completed' | 'in_progress' | 'not_started' | 'cannot_start' | 'changes_needed';

export interface Task {
  id: string;
  title: string;
  href?: string | undefined;
  hint?: string;
  status: TaskStatus;
}

const STATUS_TEXT: Record<TaskStatus, string> = {
  completed: 'Completed',
  in_progress: 'In progress',
  not_started: 'Not yet started',
  cannot_start: 'Cannot start yet',
  changes_needed: 'Changes needed',
};

const TAG_COLOUR = { in_progress: 'light-blue', not_started: 'blue', changes_needed: 'orange' } as const;

/** GOV.UK task list: each task a link, with its status on the right. */
export function TaskList({ tasks }: { tasks: Task[] }) {
  return (
    <ul className="govuk-task-list">
      {tasks.map((task) => {
        const statusId = `task-${task.id}-status`;
        const hintId = `task-${task.id}-hint`;
        return (
          <li
            className={`govuk-task-list__item${task.href ? ' govuk-task-list__item--with-link' : ''}`}
            key={task.id}
          >
            <div className="govuk-task-list__name-and-hint">
              {task.href ? (
                <Link
                  className="govuk-link govuk-task-list__link"
                  to={task.href}
                  aria-describedby={task.hint ? `${hintId} ${statusId}` : statusId}
                >
                  {task.title}
                </Link>
              ) : (
                <div>{task.title}</div>
              )}
              {task.hint && (
                <div id={hintId} className="govuk-task-list__hint">
                  {task.hint}
                </div>
              )}
            </div>
            <div
              className={`govuk-task-list__status${task.status === 'cannot_start' ? ' govuk-task-list__status--cannot-start-yet' : ''}`}
              id={statusId}
            >
              {task.status === 'completed' || task.status === 'cannot_start' ? (
                STATUS_TEXT[task.status]
              ) : (
                <Tag colour={TAG_COLOUR[task.status]}>{STATUS_TEXT[task.status]}</Tag>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
