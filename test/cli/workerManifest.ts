/** A Deployment added to the shop example by the change tests: one object, two relations, one broken reference. */
export const WORKER = `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: shop
spec:
  selector: {matchLabels: {app: worker}}
  template:
    metadata: {labels: {app: worker}}
    spec:
      containers:
        - name: worker
          image: shop/worker:1
          envFrom:
            - configMapRef: {name: worker-settings}
`;
