/* bbh-agent.h — one agent of the company, as getExtensions lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BbhAgentStatus:
 *
 * `exteStatus`, the agent's role (sections 2.11.1 and 2.11.2).
 */
typedef enum
{
  BBH_AGENT_STATUS_AGENT    = 0,
  BBH_AGENT_STATUS_DISABLED = 1,
  BBH_AGENT_STATUS_ADMIN    = 2,
  BBH_AGENT_STATUS_STAFF    = 9,  /* an employee who is not an agent */
} BbhAgentStatus;

/**
 * BbhLoginType:
 *
 * `exteLoginType`, how the agent's calls reach them.
 */
typedef enum
{
  BBH_LOGIN_TYPE_SOFTPHONE = 0,
  BBH_LOGIN_TYPE_USB_BOX   = 1,
  BBH_LOGIN_TYPE_APP       = 2,
  BBH_LOGIN_TYPE_SIP_PHONE = 4,
} BbhLoginType;

#define BBH_TYPE_AGENT (bbh_agent_get_type ())

G_DECLARE_FINAL_TYPE (BbhAgent, bbh_agent, BBH, AGENT, GObject)

gint64       bbh_agent_get_id                  (BbhAgent   *self);
const char  *bbh_agent_get_extension           (BbhAgent   *self);
const char  *bbh_agent_get_name                (BbhAgent   *self);
const char  *bbh_agent_get_mobile              (BbhAgent   *self);
int          bbh_agent_get_mobile_rule         (BbhAgent   *self);
const char  *bbh_agent_get_status_text         (BbhAgent   *self);
int          bbh_agent_get_status              (BbhAgent   *self);
int          bbh_agent_get_is_record           (BbhAgent   *self);
int          bbh_agent_get_login_type          (BbhAgent   *self);
gint64       bbh_agent_get_department_id       (BbhAgent   *self);
const char  *bbh_agent_get_memo                (BbhAgent   *self,
                                                guint       index);
const char  *bbh_agent_get_login_name          (BbhAgent   *self);
gint64       bbh_agent_get_shp_id              (BbhAgent   *self);
gint64       bbh_agent_get_transfer_shp_id     (BbhAgent   *self);
int          bbh_agent_get_is_app              (BbhAgent   *self);
gboolean     bbh_agent_get_is_admin            (BbhAgent   *self);

const char  *bbh_agent_describe_status         (int         status);
const char  *bbh_agent_describe_login_type     (int         login_type);

G_END_DECLS
