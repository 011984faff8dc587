/* bbh-task-request.h — a new outbound task for addTask: settings and numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BbhTaskAddType:
 *
 * `addType`: who dials, and whether each number carries a work order.
 */
typedef enum
{
  BBH_TASK_ADD_AUTO              = 1,  /* the server dials and plays a call flow */
  BBH_TASK_ADD_MANUAL            = 2,  /* agents call the numbers one by one */
  BBH_TASK_ADD_WORK_ORDER_AUTO   = 3,
  BBH_TASK_ADD_WORK_ORDER_MANUAL = 4,
} BbhTaskAddType;

#define BBH_TYPE_TASK_REQUEST (bbh_task_request_get_type ())

G_DECLARE_FINAL_TYPE (BbhTaskRequest, bbh_task_request, BBH, TASK_REQUEST, GObject)

BbhTaskRequest *bbh_task_request_new                  (int                  add_type,
                                                       const char          *name);
int             bbh_task_request_get_add_type         (BbhTaskRequest      *self);
const char     *bbh_task_request_get_name             (BbhTaskRequest      *self);
void            bbh_task_request_set_flow_name        (BbhTaskRequest      *self,
                                                       const char          *flow_name);
void            bbh_task_request_set_send_time        (BbhTaskRequest      *self,
                                                       GDateTime           *send_time);
void            bbh_task_request_set_repeat           (BbhTaskRequest      *self,
                                                       gboolean             repeat);
void            bbh_task_request_set_send_interval    (BbhTaskRequest      *self,
                                                       int                  seconds);
void            bbh_task_request_set_allot_extensions (BbhTaskRequest      *self,
                                                       const char * const  *extensions);
void            bbh_task_request_set_owner_extension  (BbhTaskRequest      *self,
                                                       const char          *extension);
void            bbh_task_request_set_work_order_name  (BbhTaskRequest      *self,
                                                       const char          *work_order_name);
guint           bbh_task_request_add_number           (BbhTaskRequest      *self,
                                                       const char          *phone,
                                                       const char          *key,
                                                       const char          *memo);
void            bbh_task_request_set_number_field     (BbhTaskRequest      *self,
                                                       guint                index,
                                                       const char          *name,
                                                       const char          *value);
guint           bbh_task_request_get_n_numbers        (BbhTaskRequest      *self);
char           *bbh_task_request_dup_data_json        (BbhTaskRequest      *self);

G_END_DECLS
