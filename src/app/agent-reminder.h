/* agent-reminder.h — one follow-up reminder: call this number at that time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define AGENT_TYPE_REMINDER (agent_reminder_get_type ())

G_DECLARE_FINAL_TYPE (AgentReminder, agent_reminder, AGENT, REMINDER, GObject)

AgentReminder *agent_reminder_new                (gint64         id,
                                                  const char    *server,
                                                  const char    *account,
                                                  const char    *phone,
                                                  const char    *customer_phone,
                                                  const char    *text,
                                                  gint64         due_ms,
                                                  gint64         memo_id,
                                                  gboolean       fired);
gint64         agent_reminder_get_id             (AgentReminder *self);
const char    *agent_reminder_get_server         (AgentReminder *self);
const char    *agent_reminder_get_account        (AgentReminder *self);
const char    *agent_reminder_get_phone          (AgentReminder *self);
const char    *agent_reminder_get_customer_phone (AgentReminder *self);
const char    *agent_reminder_get_text           (AgentReminder *self);
gint64         agent_reminder_get_due_ms         (AgentReminder *self);
GDateTime     *agent_reminder_dup_due            (AgentReminder *self);
gint64         agent_reminder_get_memo_id        (AgentReminder *self);
void           agent_reminder_set_memo_id        (AgentReminder *self,
                                                  gint64         memo_id);
gboolean       agent_reminder_get_fired          (AgentReminder *self);
void           agent_reminder_set_fired          (AgentReminder *self,
                                                  gboolean       fired);
gboolean       agent_reminder_belongs_to         (AgentReminder *self,
                                                  const char    *server,
                                                  const char    *account);

G_END_DECLS
