/* bbh-agent-account.h — a new agent account, as registerExtension answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BBH_TYPE_AGENT_ACCOUNT (bbh_agent_account_get_type ())

G_DECLARE_FINAL_TYPE (BbhAgentAccount, bbh_agent_account, BBH, AGENT_ACCOUNT, GObject)

const char  *bbh_agent_account_get_extension (BbhAgentAccount *self);
const char  *bbh_agent_account_get_password  (BbhAgentAccount *self);

G_END_DECLS
