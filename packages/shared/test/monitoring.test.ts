import { describe, expect, it } from 'vitest';
import { fundOutcomes, inReportList, REMINDER_DAYS_BEFORE, reminderDue } from '../src/index.js';

const today = '2026-06-10';

describe('which reminder a report calls for', () => {
  it('asks for none while the report is more than 14 days off', () => {
    expect(reminderDue({ status: 'not_started', dueOn: '2026-06-25' }, 'in_delivery', today)).toBeNull();
  });

  it('is due soon from 14 days before to the due date itself', () => {
    expect(REMINDER_DAYS_BEFORE).toBe(14);
    expect(reminderDue({ status: 'not_started', dueOn: '2026-06-24' }, 'in_delivery', today)).toBe(
      'due_soon',
    );
    expect(reminderDue({ status: 'draft', dueOn: today }, 'in_delivery', today)).toBe('due_soon');
  });

  it('is overdue from the day after the due date, also when returned', () => {
    expect(reminderDue({ status: 'draft', dueOn: '2026-06-09' }, 'in_delivery', today)).toBe('overdue');
    expect(reminderDue({ status: 'returned', dueOn: '2026-05-01' }, 'in_delivery', today)).toBe('overdue');
  });

  it('asks for none once the report is sent or approved', () => {
    expect(reminderDue({ status: 'submitted', dueOn: '2026-06-01' }, 'in_delivery', today)).toBeNull();
    expect(reminderDue({ status: 'approved', dueOn: '2026-06-12' }, 'in_delivery', today)).toBeNull();
  });

  it('asks for none unless the grant is in delivery', () => {
    for (const status of ['offered', 'declined', 'completed', 'ended_early'] as const) {
      expect(reminderDue({ status: 'not_started', dueOn: '2026-06-01' }, status, today)).toBeNull();
    }
  });

  it('puts each report in at most one of the officers’ lists, the one its reminder is', () => {
    const report = { status: 'not_started' as const, dueOn: '2026-06-01' };
    expect(inReportList(report, 'in_delivery', today, 'overdue')).toBe(true);
    expect(inReportList(report, 'in_delivery', today, 'due_soon')).toBe(false);
  });
});

describe('outcomes across a fund', () => {
  const targets = { participants: 100, events: 10, volunteers: 5, peopleMeeting: 40 };
  const order = {
    priorities: [
      { id: 'p1', name: 'Bringing people together' },
      { id: 'p2', name: 'Young people' },
    ],
    wards: [
      { id: 'w1', name: 'Central' },
      { id: 'w2', name: 'East' },
      { id: 'w3', name: 'West' },
    ],
  };

  it('adds promised and achieved; a grant with no approved report promises but achieves nothing yet', () => {
    const result = fundOutcomes(
      [
        { mainPriorityId: 'p1', wardIds: ['w1'], targets, achieved: { ...targets, participants: 80 } },
        { mainPriorityId: 'p2', wardIds: ['w2'], targets, achieved: null },
      ],
      order,
    );
    expect(result.total.grants).toBe(2);
    expect(result.total.reported).toBe(1);
    expect(result.total.figures.participants).toEqual({ promised: 200, achieved: 80 });
    expect(result.total.figures.events).toEqual({ promised: 20, achieved: 10 });
    expect(result.byPriority.map((p) => p.figures.participants)).toEqual([
      { promised: 100, achieved: 80 },
      { promised: 100, achieved: 0 },
    ]);
  });

  it('counts a grant in several wards whole in each ward, and once in the total and its priority', () => {
    const result = fundOutcomes(
      [{ mainPriorityId: 'p1', wardIds: ['w1', 'w3', 'w1'], targets, achieved: targets }],
      order,
    );
    expect(result.total.figures.volunteers).toEqual({ promised: 5, achieved: 5 });
    expect(result.byWard.map((w) => [w.name, w.grants, w.figures.volunteers.achieved])).toEqual([
      ['Central', 1, 5],
      ['East', 0, 0],
      ['West', 1, 5],
    ]);
    const priorities = result.byPriority.reduce((sum, p) => sum + p.figures.participants.promised, 0);
    expect(priorities).toBe(result.total.figures.participants.promised);
  });
});
