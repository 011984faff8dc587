/* agent-reminders-private.h — what the files of AgentReminders share
 *
 * agent-reminders.c holds the object: the list, the timer, the notifications and adding;
 * agent-reminders-store.c the SQLite table, owned by one worker thread (jobs are pushed to it
 * with agent_reminders_push_job());
 * agent-reminders-sync.c the scan of the agent's own memos on the server at login.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "agent-reminders.h"

G_BEGIN_DECLS

typedef enum
{
  JOB_OPEN,
  JOB_INSERT,
  JOB_SET_FIRED,
  JOB_SET_MEMO_ID,
} JobType;

typedef struct
{
  JobType        type;
  GTask         *task;      /* nullable: fire-and-forget updates have none */
  AgentReminder *reminder;  /* JOB_INSERT: what to store */
  gint64         id;
  gint64         value;
} Job;

typedef struct
{
  char    *path;
  sqlite3 *db;
} Store;

struct _AgentReminders
{
  GObject          parent_instance;

  /* Owned */
  char            *path;
  Store           *store;
  GThreadPool     *pool;
  GListStore      *all;
  GtkCustomFilter *filter;
  GtkCustomSorter *sorter;
  GtkSortListModel *model;
  char            *server;
  char            *account;
  char            *error;
  GCancellable    *cancellable;
  GDBusConnection *system_bus;
  guint            sleep_subscription;
  guint            timer_id;

  /* Borrowed */
  GApplication    *application;

  guint            loaded : 1;
  guint            run_in_background : 1;
  guint            holding : 1;
};

void           agent_reminders_job_free      (Job            *job);
void           agent_reminders_store_free    (Store          *store);
void           agent_reminders_run_job       (gpointer        data,
                                              gpointer        user_data);
gint64         agent_reminders_now_ms        (void);

void           agent_reminders_push_job      (AgentReminders *self,
                                              Job            *job);
AgentReminder *agent_reminders_find_same     (AgentReminders *self,
                                              AgentReminder  *like);
void           agent_reminders_add_to_memory (AgentReminders *self,
                                              AgentReminder  *reminder);

G_END_DECLS
