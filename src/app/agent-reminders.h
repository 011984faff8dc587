/* agent-reminders.h — follow-up reminders that survive restarts and fire on time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bbh.h"
#include "agent-reminder.h"
#include "agent-session.h"

G_BEGIN_DECLS

#define AGENT_TYPE_REMINDERS (agent_reminders_get_type ())

G_DECLARE_FINAL_TYPE (AgentReminders, agent_reminders, AGENT, REMINDERS, GObject)

char           *agent_reminders_dup_default_path     (void);
AgentReminders *agent_reminders_new                  (const char          *path);
AgentReminders *agent_reminders_install              (GtkApplication      *application,
                                                      AgentSession        *session,
                                                      GSettings           *settings);
AgentReminders *agent_reminders_get_for_application  (GApplication        *application);

const char     *agent_reminders_get_path             (AgentReminders      *self);
gboolean        agent_reminders_get_loaded           (AgentReminders      *self);
const char     *agent_reminders_get_error            (AgentReminders      *self);
void            agent_reminders_set_account          (AgentReminders      *self,
                                                      const char          *server,
                                                      const char          *account);
void            agent_reminders_set_application      (AgentReminders      *self,
                                                      GApplication        *application);
void            agent_reminders_set_run_in_background (AgentReminders     *self,
                                                      gboolean             run_in_background);
gboolean        agent_reminders_get_holding          (AgentReminders      *self);
GListModel     *agent_reminders_get_model            (AgentReminders      *self);
guint           agent_reminders_get_n_pending        (AgentReminders      *self);
gint64          agent_reminders_get_next_due_ms      (AgentReminders      *self);
void            agent_reminders_rearm                (AgentReminders      *self);

void            agent_reminders_add_async            (AgentReminders      *self,
                                                      const char          *phone,
                                                      const char          *customer_phone,
                                                      const char          *text,
                                                      GDateTime           *due,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
AgentReminder  *agent_reminders_add_finish           (AgentReminders      *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void            agent_reminders_sync_async           (AgentReminders      *self,
                                                      BbhClient           *client,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
guint           agent_reminders_sync_finish          (AgentReminders      *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

GDateTime      *agent_reminders_parse_server_time    (const char          *text);

G_END_DECLS
